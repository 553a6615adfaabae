import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openPostgres, type Db } from '@/db/client';
import { parseEnv } from '@/lib/env';
import { createDarajaClient } from '@/lib/mpesa/client';
import { startMailbox } from '../../mailbox/mailbox';
import { startAppInstance } from '../support/app-instance';
import { bulkTag, createBulkLeases } from '../support/bulk-leases';
import { eventually } from '../support/mpesa-world';
import { startSandbox } from '../support/sandbox-process';
import { createFigureSheet } from './support/figures';
import { createFreshBenchDatabase } from './support/fresh-database';
import { localBenchDatabaseUrl } from './support/local-database-url';

/**
 * `npm run bench -- paybill-delivery`: how many paybill payments per second this machine can deliver to Haven at
 * all, with nothing applied — the ceiling under the callback-ingest bench's applied goal (300 callbacks/s is 150
 * payments/s, each a validation and a confirmation delivered, then a status result).
 *
 * The built app runs with HAVEN_INBOX_WORKERS=0: it answers validations (a lookup of the account) and stores
 * confirmations, and applies nothing. The sandbox offers payments at each rate in turn (open loop, as M-Pesa), and
 * its own record of every delivery says which were answered within Daraja's timeouts (8 s validation, 10 s
 * confirmation). A rate is delivered when every callback was answered in time.
 *
 * Then the backlog: a second instance with the inbox workers on (HAVEN_INBOX_WORKERS, default) starts on the same
 * database and applies every stored confirmation — Transaction Status asked of the sandbox, its result received
 * and applied, the payment credited — with no new payments arriving. Its rate is the most this machine applies
 * when applying has the machine to itself.
 *
 * Knobs: BENCH_DELIVERY_RATES (payments/s, "50,100,150"), BENCH_SECONDS (15 per rate), BENCH_DATABASE_URL,
 * BENCH_APP_PORT, BENCH_SANDBOX_PORT.
 */

const RATES = (process.env.BENCH_DELIVERY_RATES ?? '50,100,150').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const DATABASE_URL = localBenchDatabaseUrl('haven_bench_delivery');
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3192);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4192);
const PAYER = '254711200101';
// The statement would credit payments without their callbacks being applied: off, so every credit here is one.
const APP_ENV = { DATABASE_URL, DARAJA_SANDBOX_PORT: String(SANDBOX_PORT), HAVEN_RECONCILE_INTERVAL_SECONDS: '0' };

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

async function countConfirmations(db: Db, since: Date): Promise<{ n: number; seconds: number }> {
  const [row] = (await db.execute(sql`
    select count(*)::int as n, coalesce(extract(epoch from max(received_at) - min(received_at)), 0)::float as seconds
    from callback_inbox where kind = 'c2b-confirmation' and received_at >= ${since.toISOString()}::timestamptz`)) as unknown as { n: number; seconds: number }[];
  return row!;
}

async function offerAtRate({ sandbox, db, rate, accounts }: { sandbox: Sandbox; db: Db; rate: number; accounts: string[] }) {
  const client = createDarajaClient({ ...parseEnv({ DARAJA_SANDBOX_PORT: String(SANDBOX_PORT) }).mpesa, retry: { maxAttempts: 3 } });
  const count = rate * SECONDS;
  const since = new Date();
  const started = Date.now();
  const offered: Promise<unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    offered.push(client.simulateC2b({ amountCents: (500 + i) * 100, msisdn: PAYER, billRefNumber: accounts[i % accounts.length]! }));
  }
  await Promise.all(offered);
  const offeredPerSecond = count / ((Date.now() - started) / 1000);
  // A confirmation answered in time is stored; one Daraja gave up on may be stored or not (the app had not read it
  // yet when the sandbox hung up), as with M-Pesa, where the statement brings it back.
  const settled = await eventually(
    async () => {
      const attempts = (await sandbox.control.callbacks()).filter((c) => new Date(c.at).getTime() >= started);
      const late = (kind: string) => attempts.filter((c) => c.url.includes(`/c2b/${kind}/`) && c.status !== 200).length;
      return { stored: await countConfirmations(db, since), lateValidations: late('validation'), lateConfirmations: late('confirmation') };
    },
    (s) => s.stored.n + s.lateConfirmations >= count,
    { timeoutMs: 120_000, what: `${count} confirmations stored or given up on` },
  );
  const { stored, lateValidations, lateConfirmations } = settled;
  return { count, offeredPerSecond, storedPerSecond: stored.n / Math.max(0.001, stored.seconds), lateValidations, lateConfirmations, stored: stored.n };
}

async function countApplied(db: Db): Promise<{ n: number; first: Date | null; last: Date | null; credited: number }> {
  const [row] = (await db.execute(sql`
    select count(*) filter (where outcome = 'applied')::int as n, min(first_claimed_at) as first, max(processed_at) as last,
      (select count(*)::int from payments where method = 'mpesa_paybill') as credited
    from callback_inbox where kind in ('c2b-confirmation', 'status-result')`)) as unknown as { n: number; first: Date | null; last: Date | null; credited: number }[];
  return row!;
}

async function measureDrain({ sheet, db, stored }: { sheet: ReturnType<typeof createFigureSheet>; db: Db; stored: number }): Promise<void> {
  // Each credit queues a receipt email: a mail server that works, as in production (a failing one re-renders PDFs).
  const mailbox = await startMailbox();
  const worker = await startAppInstance({ port: APP_PORT + 1, env: { ...APP_ENV, HAVEN_INBOX_WORKERS: process.env.HAVEN_INBOX_WORKERS ?? '', SMTP_URL: `smtp://127.0.0.1:${mailbox.smtpPort}` } });
  try {
    const done = await eventually(() => countApplied(db), (c) => c.credited >= stored, { timeoutMs: 20 * 60_000, what: `${stored} payments credited from the backlog` });
    // From the first row a worker took to the last one it finished.
    const seconds = Math.max(0.001, (new Date(done.last!).getTime() - new Date(done.first!).getTime()) / 1000);
    sheet.add({ name: 'backlog applied (confirmations + status results)', value: done.n / seconds, unit: 'callbacks/s', reference: { name: 'payments credited', value: done.credited / seconds, unit: 'payments/s' }, goal: '≥ 300/s', check: (f) => f.value >= 300 });
    sheet.add({ name: 'backlog drained in', value: seconds, unit: 's', reference: { name: 'payments', value: done.credited, unit: 'payments' } });
  } finally {
    worker.kill('SIGKILL');
    await mailbox.stop();
  }
}

async function main(): Promise<void> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('this bench drives the built app: run `npm run build` first');
  await createFreshBenchDatabase(DATABASE_URL);
  const sandbox = await startSandbox({ env: { DARAJA_SANDBOX_PORT: String(SANDBOX_PORT) } });
  const app = await startAppInstance({ port: APP_PORT, env: { ...APP_ENV, HAVEN_INBOX_WORKERS: '0' } });
  const handle = await openPostgres(DATABASE_URL, { max: 2 });
  const sheet = createFigureSheet({ bench: 'paybill-delivery' });
  try {
    await eventually(
      async () => (await sandbox.control.state()).c2bRegistrations['174379']?.confirmationUrl ?? '',
      (url) => url.startsWith(app.url),
      { timeoutMs: 60_000, what: 'the app registered its paybill URLs' },
    );
    const accounts = (await createBulkLeases(handle.db, { count: 300, tag: bulkTag() })).map((l) => l.accountReference);
    await sandbox.control.setSubscriber(PAYER, { name: 'Bench Payer', balance: 900_000_000, behaviour: 'auto-approve' });
    let stored = 0;
    for (const rate of RATES) {
      const r = await offerAtRate({ sandbox, db: handle.db, rate, accounts });
      stored += r.stored;
      sheet.add({ name: `@${rate}/s: paybill payments offered`, value: r.offeredPerSecond, unit: 'payments/s', reference: { name: 'applied goal in payments', value: 150 } });
      sheet.add({ name: `@${rate}/s: confirmations stored`, value: r.storedPerSecond, unit: 'callbacks/s' });
      sheet.add({ name: `@${rate}/s: validations not answered within 8 s`, value: r.lateValidations, unit: 'callbacks', reference: { name: 'offered', value: r.count }, goal: '0', check: (f) => f.value === 0 });
      sheet.add({ name: `@${rate}/s: confirmations not answered within 10 s`, value: r.lateConfirmations, unit: 'callbacks', reference: { name: 'offered', value: r.count }, goal: '0', check: (f) => f.value === 0 });
    }
    await measureDrain({ sheet, db: handle.db, stored });
    sheet.write({ rates: RATES, seconds: SECONDS, inboxWorkers: process.env.HAVEN_INBOX_WORKERS ?? 'default' });
  } finally {
    await handle.close();
    app.kill('SIGKILL');
    await sandbox.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
