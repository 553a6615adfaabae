import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { openPostgres, type Db } from '@/db/client';
import { parseEnv } from '@/lib/env';
import { createDarajaClient } from '@/lib/mpesa/client';
import { startMailbox } from '../../mailbox/mailbox';
import { startAppInstance } from '../support/app-instance';
import { bulkTag, createBulkLeases } from '../support/bulk-leases';
import { E2E_CALLBACK_SECRET } from '../support/e2e-env';
import { eventually } from '../support/mpesa-world';
import { startSandbox } from '../support/sandbox-process';
import { runLoad, type LoadResult } from './support/autocannon-run';
import { createFigureSheet, percentile } from './support/figures';
import { createFreshBenchDatabase } from './support/fresh-database';
import { localBenchDatabaseUrl } from './support/local-database-url';
import { reportShortfall } from './support/shortfall-report';

/**
 * `npm run bench -- callback-ingest`, against the production build (`npm run build` first), its own database and
 * the sandbox:
 * - callback "Accepted" throughput and p99 at 10 and 50 connections, each against the true no-op route
 *   (`GET /api/ping`) measured just before it in the same server (autocannon);
 * - applied throughput: distinct paybill payments on many leases, end to end to the ledger — the confirmation
 *   stored, proven by Transaction Status against the sandbox (issue #9: nothing is credited on a callback's word),
 *   the status result stored and applied — and the longest a payment waited from its confirmation being stored to
 *   its credit; intake → first claimed by a worker for every callback of that run.
 *
 * The goal counts applied callbacks: each payment is two (its confirmation and its Transaction Status result), so
 * 300 callbacks/s is 150 payments/s; both figures are printed.
 *
 * Knobs: BENCH_SECONDS (10 per load run), BENCH_PAYMENTS (1000), BENCH_LEASES (300), BENCH_RATE (20 payments
 * offered per second), BENCH_DATABASE_URL (dropped and created), BENCH_APP_PORT, BENCH_SANDBOX_PORT; app settings such as
 * HAVEN_INBOX_WORKERS pass through the environment.
 * BENCH_PHASES (`ack,applied`): which of the two measurements to run.
 * BENCH_SMTP: `mailbox` (default, a local SMTP server that accepts everything) or `refuse` (SMTP_URL points at a
 * closed port: every receipt email fails and is retried, as when the agency's mail server is down).
 * BENCH_DROP_CALLBACKS (0): the sandbox drops this many paybill confirmations and as many Transaction Status results
 * (the first ones of the run), so that the statement and the re-query sweep have to credit those payments.
 * BENCH_CREDIT_WAIT_SECONDS (900): how long the applied run waits for every payment to be credited. When fewer are,
 * the bench prints where each missing receipt stands (support/shortfall-report.ts) before it fails.
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 1000);
const LEASES = Number(process.env.BENCH_LEASES ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const DATABASE_URL = localBenchDatabaseUrl('haven_bench_ingest');
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3191);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4191);
const SMTP = process.env.BENCH_SMTP ?? 'mailbox';
const DROP_CALLBACKS = Number(process.env.BENCH_DROP_CALLBACKS ?? 0);
const CREDIT_WAIT_MS = Number(process.env.BENCH_CREDIT_WAIT_SECONDS ?? 900) * 1000;
const PHASES = (process.env.BENCH_PHASES ?? 'ack,applied').split(',');
const PAYERS = ['254711200101', '254711200102', '254711200103', '254711200104', '254711200105', '254711200106'];

/** A well-formed STK success for a push Haven never made: stored and answered like any, then left waiting. */
const STK_CALLBACK = JSON.stringify({
  Body: {
    stkCallback: {
      MerchantRequestID: 'bench-merchant',
      CheckoutRequestID: 'ws_CO_BENCH_INGEST',
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      CallbackMetadata: {
        Item: [
          { Name: 'Amount', Value: 1 },
          { Name: 'MpesaReceiptNumber', Value: 'BENCHINGEST' },
          { Name: 'TransactionDate', Value: 20261203101010 },
          { Name: 'PhoneNumber', Value: 254708374149 },
        ],
      },
    },
  },
});

type Sheet = ReturnType<typeof createFigureSheet>;

function addLoadFigures(sheet: Sheet, { connections, noop, callback }: { connections: number; noop: LoadResult; callback: LoadResult }) {
  const strict = connections === 50;
  sheet.add({
    name: `callback ack throughput @${connections}`,
    value: callback.requestsPerSecond,
    unit: 'req/s',
    reference: { name: 'GET /api/ping', value: noop.requestsPerSecond },
    ...(strict ? { goal: '≥ 0.65× no-op', check: (f) => (f.ratio ?? 0) >= 0.65 } : {}),
  });
  sheet.add({
    name: `callback ack p99 @${connections}`,
    value: callback.p99Ms,
    unit: 'ms',
    reference: { name: 'GET /api/ping p99', value: noop.p99Ms },
    ...(strict ? { goal: '≤ 250 ms', check: (f) => f.value <= 250 } : {}),
  });
  sheet.add({ name: `callback ack p50 @${connections}`, value: callback.p50Ms, unit: 'ms', reference: { name: 'GET /api/ping p50', value: noop.p50Ms } });
  sheet.add({ name: `callback ack failures @${connections}`, value: callback.failed, unit: 'requests', goal: '0', check: (f) => f.value === 0 });
}

async function measureAck(sheet: Sheet, appUrl: string): Promise<void> {
  const ping = `${appUrl}/api/ping`;
  const callback = `${appUrl}/api/v1/mpesa/callback/${E2E_CALLBACK_SECRET}`;
  // Warm both routes (compiled chunks, pools, JIT) before anything is measured.
  await runLoad({ url: ping, connections: 10, seconds: 2 });
  await runLoad({ url: callback, connections: 10, seconds: 2, method: 'POST', body: STK_CALLBACK });
  for (const connections of [10, 50]) {
    const noop = await runLoad({ url: ping, connections, seconds: SECONDS });
    const ack = await runLoad({ url: callback, connections, seconds: SECONDS, method: 'POST', body: STK_CALLBACK });
    addLoadFigures(sheet, { connections, noop, callback: ack });
  }
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)) as unknown as T[];
}

async function measureApplied(sheet: Sheet, db: Db, { sandboxPort, control }: { sandboxPort: number; control: Awaited<ReturnType<typeof startSandbox>>['control'] }): Promise<void> {
  // The ack runs left thousands of callbacks for a push that does not exist; settle them so that the applied run
  // measures the payments alone (they would only be retried as `waiting`, then kept as unmatched).
  await db.execute(sql`update callback_inbox set processed_at = now(), outcome = 'unmatched', claimed_at = null, claim_token = null where kind = 'stk' and processed_at is null`);
  const tag = bulkTag();
  const leases = await createBulkLeases(db, { count: LEASES, tag });
  for (const phone of PAYERS) await control.setSubscriber(phone, { name: 'Bench Payer', balance: 900_000_000, behaviour: 'auto-approve' });
  if (DROP_CALLBACKS > 0) {
    await control.addFault({ api: 'c2b', kind: 'drop-callback', times: DROP_CALLBACKS });
    await control.addFault({ api: 'status', kind: 'drop-callback', times: DROP_CALLBACKS });
  }
  const env = parseEnv({ DARAJA_SANDBOX_PORT: String(sandboxPort) });
  const client = createDarajaClient({ ...env.mpesa, retry: { maxAttempts: 3 } });

  // Offered at a fixed rate (open loop), as M-Pesa delivers them: the sandbox answers a simulated payment at once and
  // posts its callbacks on its own, so a closed loop of drivers would not bound the load the app receives. The
  // applied rate keeps up with the offered one only if the waits below stay short.
  const started = Date.now();
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < PAYMENTS; i += 1) {
    const due = started + (i * 1000) / RATE;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const paying = client.simulateC2b({ amountCents: (500 + i) * 100, msisdn: PAYERS[i % PAYERS.length]!, billRefNumber: leases[i % leases.length]!.accountReference });
    inFlight.add(paying);
    // Settled here only to leave the set; a failure still rejects the Promise.all below, so the run ends through
    // main's cleanup (a rejection left unhandled here used to kill the bench and orphan the app and the sandbox).
    paying.then(() => inFlight.delete(paying), () => inFlight.delete(paying));
  }
  await Promise.all([...inFlight]);
  const driven = (Date.now() - started) / 1000;
  const reference = `B${tag}-%`;
  try {
    await eventually(
      async () => (await rows<{ n: number }>(db, sql`select count(*)::int as n from payments p join leases l on l.id = p.lease_id where l.account_reference like ${reference}`))[0]!.n,
      (n) => n >= PAYMENTS,
      { timeoutMs: CREDIT_WAIT_MS, what: `${PAYMENTS} payments credited` },
    );
  } catch (error) {
    await reportShortfall(db, { control, shortcode: '174379', since: new Date(started), accountPrefix: `B${tag}-`, offered: PAYMENTS });
    throw error;
  }

  const waits = await rows<{ received: Date; credited: Date; wait_ms: number }>(db, sql`
    select i.received_at as received, p.created_at as credited, extract(epoch from (p.created_at - i.received_at)) * 1000 as wait_ms
    from payments p
    join leases l on l.id = p.lease_id
    join callback_inbox i on i.kind = 'c2b-confirmation' and i.correlation_id = p.mpesa_receipt_number and i.outcome = 'applied'
    where l.account_reference like ${reference}`);
  const first = Math.min(...waits.map((w) => new Date(w.received).getTime()));
  const last = Math.max(...waits.map((w) => new Date(w.credited).getTime()));
  const stored = waits.map((w) => new Date(w.received).getTime());
  const claimed = await rows<{ ms: number }>(db, sql`
    select extract(epoch from (first_claimed_at - received_at)) * 1000 as ms from callback_inbox
    where kind in ('c2b-confirmation', 'status-result') and received_at >= ${new Date(first).toISOString()}::timestamptz and first_claimed_at is not null`);
  // Both callbacks of each payment (its confirmation and its Transaction Status result) reaching an applied outcome:
  // the goal counts callbacks, and one paybill payment is two of them.
  const [applied] = await rows<{ n: number; first: Date; last: Date }>(db, sql`
    select count(*)::int as n, min(received_at) as first, max(processed_at) as last from callback_inbox
    where kind in ('c2b-confirmation', 'status-result') and outcome = 'applied' and received_at >= ${new Date(first).toISOString()}::timestamptz`);
  const appliedSeconds = Math.max(0.001, (new Date(applied!.last).getTime() - new Date(applied!.first).getTime()) / 1000);
  const waitMs = waits.map((w) => Number(w.wait_ms));
  const claimMs = claimed.map((c) => Number(c.ms));

  // The goal's 300 callbacks/s, in payments (two callbacks each): offering less cannot show it met.
  sheet.add({ name: 'paybill payments offered', value: PAYMENTS / driven, unit: 'payments/s', reference: { name: 'applied goal (300 callbacks/s)', value: 150 } });
  sheet.add({ name: 'confirmations stored', value: waits.length / Math.max(0.001, (Math.max(...stored) - first) / 1000), unit: 'callbacks/s' });
  const paymentsPerSecond = waits.length / ((last - first) / 1000);
  sheet.add({
    name: 'callbacks applied (confirmations + status results)',
    value: applied!.n / appliedSeconds,
    unit: 'callbacks/s',
    // Beside it, the same run's payments: the ratio is callbacks per payment, 2 when both kinds were applied.
    reference: { name: 'payments credited', value: paymentsPerSecond, unit: 'payments/s' },
    goal: '≥ 300/s',
    check: (f) => f.value >= 300,
  });
  sheet.add({ name: 'payments credited (stored → credited, verified)', value: paymentsPerSecond, unit: 'payments/s' });
  sheet.add({ name: 'callbacks applied', value: applied!.n, unit: 'callbacks', reference: { name: 'payments credited', value: waits.length } });
  sheet.add({ name: 'stored → credited max', value: Math.max(...waitMs), unit: 'ms', goal: '≤ 5000 ms', check: (f) => f.value <= 5000 });
  sheet.add({ name: 'stored → credited p50', value: percentile(waitMs, 50), unit: 'ms' });
  sheet.add({ name: 'stored → credited p95', value: percentile(waitMs, 95), unit: 'ms' });
  sheet.add({ name: 'intake → claimed p50', value: percentile(claimMs, 50), unit: 'ms' });
  sheet.add({ name: 'intake → claimed p99', value: percentile(claimMs, 99), unit: 'ms' });
  sheet.add({ name: 'intake → claimed max', value: Math.max(...claimMs), unit: 'ms' });
  sheet.add({ name: 'payments credited from their own confirmation', value: waits.length, unit: 'payments', goal: `= ${PAYMENTS}`, check: (f) => f.value === PAYMENTS });
  // Daraja does not retry: a callback not answered within its timeout (the sandbox's 10 s, 8 s for a validation) may be
  // lost. Counted from the sandbox's own record of each delivery; an answer whose body came too late counts too.
  const attempts = (await control.callbacks()).filter((c) => new Date(c.at).getTime() >= started && /\/c2b\/(confirmation|validation)\//.test(c.url));
  sheet.add({ name: 'paybill callbacks not answered within Daraja\'s timeout', value: attempts.filter((c) => c.status !== 200 || c.error !== undefined).length, unit: 'callbacks', reference: { name: 'delivered', value: attempts.length }, goal: '0', check: (f) => f.value === 0 });
}

/** A port nothing listens on (taken, then let go): connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

async function main(): Promise<void> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('this bench drives the built app: run `npm run build` first');
  await createFreshBenchDatabase(DATABASE_URL);
  const sandbox = await startSandbox({ env: { DARAJA_SANDBOX_PORT: String(SANDBOX_PORT), SANDBOX_RESULT_DELAY_MS: '50' } });
  // Every credited payment queues its receipt email. Without an SMTP server each one failed and was rendered again
  // on every retry (five PDFs a payment, most of the app's CPU): production has one, so the bench has one too.
  const mailbox = SMTP === 'refuse' ? null : await startMailbox();
  const smtpUrl = mailbox ? `smtp://127.0.0.1:${mailbox.smtpPort}` : `smtp://127.0.0.1:${await closedPort()}`;
  const app = await startAppInstance({
    port: APP_PORT,
    // A callback lost on the way (counted below) is booked from the statement soon, so the run can end.
    env: { DATABASE_URL, DARAJA_SANDBOX_PORT: String(SANDBOX_PORT), HAVEN_SWEEP_INTERVAL_SECONDS: '15', HAVEN_RECONCILE_INTERVAL_SECONDS: '20', SMTP_URL: smtpUrl },
  });
  const handle = await openPostgres(DATABASE_URL, { max: 2 });
  const sheet = createFigureSheet({ bench: 'callback-ingest' });
  try {
    // The app registers its paybill URLs with the sandbox as it starts; payments before that would go nowhere.
    await eventually(
      async () => (await sandbox.control.state()).c2bRegistrations['174379']?.confirmationUrl ?? '',
      (url) => url.startsWith(app.url),
      { timeoutMs: 60_000, what: 'the app registered its paybill URLs' },
    );
    if (PHASES.includes('ack')) await measureAck(sheet, app.url);
    if (PHASES.includes('applied')) await measureApplied(sheet, handle.db, { sandboxPort: SANDBOX_PORT, control: sandbox.control });
    sheet.write({ payments: PAYMENTS, leases: LEASES, seconds: SECONDS, rate: RATE, smtp: SMTP, dropCallbacks: DROP_CALLBACKS, inboxWorkers: process.env.HAVEN_INBOX_WORKERS ?? 'default' });
    const deadlocks = app.output().match(/deadlock detected/g)?.length ?? 0;
    console.log(`deadlocks in the app's log: ${deadlocks}`);
  } finally {
    await handle.close();
    app.kill('SIGKILL');
    await sandbox.stop();
    await mailbox?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
