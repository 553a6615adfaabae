import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { startAppInstance, type AppInstance } from '../support/app-instance';
import { formatAudit, auditIsClean } from '../support/chaos/chaos-audit';
import { formatDrive, runChaos } from '../support/chaos/chaos-run';
import { startSandbox } from '../support/sandbox-process';
import { createFreshBenchDatabase } from './support/fresh-database';

/**
 * `npm run bench -- chaos`: ≥ 1,000 payments (STK, paybill, B2C, reversals) through the built app and the sandbox
 * with mixed Daraja faults and one kill -9 of the app, then Haven's books against M-Pesa's ledger per lease:
 * lost, double, forged, still pending. Exits non-zero unless all are zero and every lease's books equal the ledger.
 *
 * Needs `npm run build` first. Knobs: CHAOS_PAYMENTS (1000), CHAOS_CONCURRENCY (12 requests in flight),
 * CHAOS_CHAINS (40 leases at once), CHAOS_SEED, CHAOS_FAULT_RATE
 * (0.6), BENCH_DATABASE_URL (a database of that name is dropped and created), BENCH_APP_PORT, BENCH_SANDBOX_PORT.
 */

const PAYMENTS = Number(process.env.CHAOS_PAYMENTS ?? 1000);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 12);
const CHAINS = Number(process.env.CHAOS_CHAINS ?? 40);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
const FAULT_RATE = Number(process.env.CHAOS_FAULT_RATE ?? 0.6);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/haven_bench_chaos';
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3190);
const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4190);
const HTTP_TIMEOUT_MS = 4_000;

async function main(): Promise<number> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('the chaos bench drives the built app: run `npm run build` first');
  await createFreshBenchDatabase(DATABASE_URL);
  const sandbox = await startSandbox({
    env: { DARAJA_SANDBOX_PORT: String(SANDBOX_PORT), SANDBOX_AUTO_APPROVE_DELAY_MS: '200', SANDBOX_RESULT_DELAY_MS: '200', SANDBOX_PROMPT_TIMEOUT_MS: '5000' },
  });
  const appEnv = {
    DATABASE_URL,
    DARAJA_SANDBOX_PORT: String(SANDBOX_PORT),
    MPESA_HTTP_TIMEOUT_MS: String(HTTP_TIMEOUT_MS),
    // The statement is the truth: check it often, so dropped callbacks are found within the run.
    HAVEN_RECONCILE_INTERVAL_SECONDS: '10',
  };
  let app: AppInstance | null = await startAppInstance({ port: APP_PORT, env: appEnv });
  const sql = postgres(DATABASE_URL, { max: 4, onnotice: () => {} });
  try {
    const result = await runChaos({
      sql,
      control: sandbox.control,
      sandboxUrl: sandbox.url,
      app: {
        url: app.url,
        async kill() {
          app?.kill('SIGKILL');
          await app?.exited;
          app = null;
        },
        async restart() {
          app = await startAppInstance({ port: APP_PORT, env: appEnv });
        },
      },
      payments: PAYMENTS,
      concurrency: CONCURRENCY,
      chains: CHAINS,
      seed: SEED,
      faultRate: FAULT_RATE,
      slowFaults: true,
      httpTimeoutMs: HTTP_TIMEOUT_MS,
      leaseBusyTimeoutMs: 60_000,
      // An STK push answered 500 is settled at the unsent deadline (180 s) when nothing proves it, a payout or
      // reversal M-Pesa never took after five minutes, a callback waiting for ids never stored after ten.
      settleTimeoutMs: 12 * 60_000,
      settleCallbacks: true,
      log: (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`),
    });
    console.log(formatDrive(result));
    console.log(formatAudit(result.audit, { allLeases: process.env.CHAOS_ALL_LEASES === '1' }));
    const ok = auditIsClean(result.audit, { callbacks: true }) && result.payments >= PAYMENTS;
    console.log(ok ? 'CHAOS OK: nothing lost, doubled, forged or pending; every lease equals the ledger' : 'CHAOS FAILED');
    return ok ? 0 : 1;
  } finally {
    await sql.end({ timeout: 5 });
    app?.kill('SIGKILL');
    await sandbox.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
