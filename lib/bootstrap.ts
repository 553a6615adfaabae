import 'server-only';
import { getDatabase } from '@/db/client';
import { isDatabaseEmpty, seedDemoData } from '@/db/seed';
import { getEnv } from '@/lib/env';
import { setDefaultTokenStore } from '@/lib/mpesa/shared-clients';
import { createPostgresTokenStore } from '@/lib/mpesa/postgres-token-store';
import { registerWithMpesaInBackground } from '@/lib/payments/c2b/register-paybill-urls';
import { startOutboxWorker } from '@/lib/messaging/outbox-loop';
import { startInboxWorkers } from '@/lib/payments/start-inbox-workers';
import { startSweeper } from '@/lib/payments/sweeper';

/** Runs once when the server starts: migrations, demo data on an empty embedded database, the sweep and inbox workers, paybill URL registration. */
export async function bootstrapServer(): Promise<void> {
  const env = getEnv();
  warnAboutDemoSecrets(env);
  const handle = await getDatabase();
  await handle.migrate();
  if (handle.kind === 'pglite' && (await isDatabaseEmpty(handle.db))) {
    await seedDemoData(handle.db);
    console.log('Haven: seeded the demo agency (sign in as tenant@example.com / haven-demo).');
  }
  // Tokens live in Postgres so that app instances share one and never invalidate each other's.
  setDefaultTokenStore(createPostgresTokenStore(handle.db));
  startSweeper();
  await startInboxWorkers();
  await startOutboxWorker();
  // Not awaited: Daraja being down or refusing must not delay or stop the server.
  registerWithMpesaInBackground(handle.db);
  console.log(`Haven: database ${handle.kind}, M-Pesa ${env.mpesa.environment} at ${env.mpesa.baseUrl}`);
  console.log(`Haven: SMS via Africa's Talking at ${env.messaging.atBaseUrl}; email via ${env.messaging.smtpUrl.replace(/\/\/[^@/]*@/, '//')}${env.messaging.localMailboxUrl ? `, read it at ${env.messaging.localMailboxUrl}` : ''}`);
}

/** MPESA_ENVIRONMENT=local may use the public demo secrets, but a production build doing so is almost surely a mistake. */
function warnAboutDemoSecrets(env: ReturnType<typeof getEnv>): void {
  if (env.nodeEnv !== 'production' || env.demoSecretsInUse.length === 0) return;
  const bar = '!'.repeat(100);
  console.warn(
    [
      bar,
      `!! Haven: production build running with the PUBLIC DEMO ${env.demoSecretsInUse.join(', ')}.`,
      '!! Anyone can forge sessions and callbacks. This is only acceptable for a local demo (MPESA_ENVIRONMENT=local).',
      '!! Set real secrets (`openssl rand -hex 32`, see .env.example) before exposing this server.',
      bar,
    ].join('\n'),
  );
}
