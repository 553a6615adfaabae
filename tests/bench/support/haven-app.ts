import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import postgres from 'postgres';
import { startMailbox } from '../../../mailbox/mailbox';
import { startAppInstance, type AppInstance } from '../../support/app-instance';
import { startSandbox, type SandboxHandle } from '../../support/sandbox-process';
import { createFreshBenchDatabase } from './fresh-database';

/**
 * Haven's production build (`npm start`'s server.mjs) for a bench: a fresh migrated, seeded database, the Daraja
 * sandbox and a local mailbox, as the Playwright run starts them. Builds the app first when there is no build.
 */

export interface HavenForBench {
  app: AppInstance;
  sandbox: SandboxHandle;
  sql: postgres.Sql;
  stop(): Promise<void>;
}

/** A port nobody listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startHavenForBench({ databaseUrl, sandboxEnv = {} }: { databaseUrl: string; sandboxEnv?: Record<string, string> }): Promise<HavenForBench> {
  if (!existsSync('.next/BUILD_ID')) {
    console.log('No production build: running next build …');
    const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (r.status !== 0) throw new Error('next build failed');
  }
  await createFreshBenchDatabase(databaseUrl);

  const mailbox = await startMailbox();
  const sandbox = await startSandbox({ env: sandboxEnv });
  const app = await startAppInstance({
    port: await freePort(),
    env: { DATABASE_URL: databaseUrl, DARAJA_SANDBOX_PORT: String(sandbox.port), SMTP_URL: `smtp://127.0.0.1:${mailbox.smtpPort}` },
  });
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  return {
    app,
    sandbox,
    sql,
    async stop() {
      app.kill('SIGTERM');
      await Promise.race([app.exited, new Promise((r) => setTimeout(r, 10_000))]);
      await sandbox.stop();
      await mailbox.stop();
      await sql.end({ timeout: 5 });
    },
  };
}
