import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import { openPostgres } from '@/db/client';
import { seedDemoData } from '@/db/seed';
import { startMailbox } from '../../mailbox/mailbox';
import { E2E_APP_PORT, E2E_DATABASE_URL, E2E_MAILBOX_FILE, e2eAppEnv } from './e2e-env';

/**
 * Playwright's app server: a fresh, migrated, seeded PostgreSQL database, then the built app (`server.mjs`).
 * Every run starts from the same demo world.
 */
async function main() {
  const url = new URL(E2E_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = postgres({ host: url.hostname, port: Number(url.port || 5432), user: url.username || 'postgres', database: 'postgres', max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();

  const handle = await openPostgres(E2E_DATABASE_URL, { max: 2 });
  await handle.migrate();
  await seedDemoData(handle.db);
  await handle.close();

  // The app's email goes to a real SMTP server on free ports; specs find its inbox through E2E_MAILBOX_FILE.
  const mailbox = await startMailbox();
  mkdirSync('.data/e2e', { recursive: true });
  writeFileSync(E2E_MAILBOX_FILE, JSON.stringify({ url: mailbox.url.replace('localhost', '127.0.0.1') }));

  // server.mjs, as `npm start` runs it: it is what tells the app each connection's real address.
  const child = spawn(process.execPath, ['server.mjs', '-p', String(E2E_APP_PORT), '-H', '127.0.0.1'], {
    stdio: 'inherit',
    env: { ...process.env, ...e2eAppEnv, SMTP_URL: `smtp://127.0.0.1:${mailbox.smtpPort}` },
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
