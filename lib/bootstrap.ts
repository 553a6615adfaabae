import 'server-only';
import { getDatabase } from '@/db/client';
import { isDatabaseEmpty, seedDemoData } from '@/db/seed';
import { getEnv } from '@/lib/env';
import { setDefaultTokenStore } from '@/lib/mpesa/client';
import { createPostgresTokenStore } from '@/lib/mpesa/postgres-token-store';
import { registerWithMpesaInBackground } from '@/lib/payments/c2b/register-paybill-urls';
import { startOutboxWorker } from '@/lib/messaging/outbox-loop';
import { startSweeper } from '@/lib/payments/sweeper';

/** Runs once when the server starts: migrations, demo data on an empty embedded database, the sweep, paybill URL registration. */
export async function bootstrapServer(): Promise<void> {
  const env = getEnv();
  const handle = await getDatabase();
  await handle.migrate();
  if (handle.kind === 'pglite' && (await isDatabaseEmpty(handle.db))) {
    await seedDemoData(handle.db);
    console.log('Haven: seeded the demo agency (sign in as tenant@example.com / haven-demo).');
  }
  // Tokens live in Postgres so that app instances share one and never invalidate each other's.
  setDefaultTokenStore(createPostgresTokenStore(handle.db));
  startSweeper();
  await startOutboxWorker();
  // Not awaited: Daraja being down or refusing must not delay or stop the server.
  registerWithMpesaInBackground(handle.db);
  console.log(`Haven: database ${handle.kind}, M-Pesa ${env.mpesa.environment} at ${env.mpesa.baseUrl}`);
  console.log(`Haven: SMS via Africa's Talking at ${env.messaging.atBaseUrl}; email via ${env.messaging.smtpUrl.replace(/\/\/[^@/]*@/, '//')}${env.messaging.localMailboxUrl ? `, read it at ${env.messaging.localMailboxUrl}` : ''}`);
}
