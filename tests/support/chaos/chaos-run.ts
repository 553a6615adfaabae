import type { Sql } from 'postgres';
import type { SandboxConfig, SandboxControl } from '../sandbox-process';
import { call, signIn, sleep } from './chaos-http';
import { auditChaos, auditIsClean, type ChaosAudit } from './chaos-audit';
import { driveChaos, type AppController, type DriveReport } from './chaos-driver';
import { createChaosFixture, type ChaosFixture } from './chaos-fixture';
import { OPS_PER_LEASE, planChaos } from './chaos-plan';

/**
 * One chaos run, shared by the bench (`npm run bench -- chaos`, ≥ 1,000 payments) and the CI test (≥ 150):
 * fixture → plan → drive (with one kill -9 of the app) → let the sweeps and statement reconciliation settle →
 * audit the books against M-Pesa's ledger. Settling waits for the audit to come out clean, up to a deadline;
 * whatever is left then is reported, never hidden.
 */

export interface ChaosRunOptions {
  sql: Sql;
  control: SandboxControl;
  sandboxUrl: string;
  app: AppController;
  /** At least this many payments (rounded up to whole leases). */
  payments: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** Leases worked at once. */
  chains: number;
  seed: number;
  faultRate: number;
  slowFaults: boolean;
  /** The app's MPESA_HTTP_TIMEOUT_MS, so a slow acknowledgement outlasts it. */
  httpTimeoutMs: number;
  leaseBusyTimeoutMs: number;
  settleTimeoutMs: number;
  /** Settle until every inbox row has ended too (minutes after a kill: claims and waits are long by design). */
  settleCallbacks: boolean;
  /** Sandbox knobs for the run (short delays); the previous values are put back afterwards. */
  sandboxConfig?: Partial<SandboxConfig>;
  log?: (line: string) => void;
}

export interface ChaosRunResult {
  fixture: ChaosFixture;
  payments: number;
  drive: DriveReport;
  audit: ChaosAudit;
  driveSeconds: number;
  settleSeconds: number;
}

export async function runChaos(o: ChaosRunOptions): Promise<ChaosRunResult> {
  const log = o.log ?? (() => {});
  // The sandbox's clock and ours are the same machine's; a second of slack keeps the first payment in the window.
  const since = new Date(Date.now() - 1_000);
  await o.control.clearFaults();
  await o.control.clearScenarios();
  const before = await o.control.config();
  const changed = { stkTwinConfirmation: true, ...o.sandboxConfig };
  const restore = Object.fromEntries([...Object.keys(changed), 'stkTwinOrder'].map((k) => [k, before[k as keyof SandboxConfig]])) as Partial<SandboxConfig>;
  await o.control.setConfig(changed);
  // A tenth more than asked for: an STK push whose lease is still blocked by an unsettled one (after the kill, say)
  // is given up after a while, as a tenant would, and does not count.
  const fixture = await createChaosFixture(o.sql, o.control, { leases: Math.ceil((o.payments * 1.1) / OPS_PER_LEASE) });
  const ops = planChaos({ leases: fixture.leases, seed: o.seed, faultRate: o.faultRate, httpTimeoutMs: o.httpTimeoutMs, slowFaults: o.slowFaults });
  log(`chaos ${fixture.tag}: ${ops.length} payments on ${fixture.leases.length} leases, ${o.chains} leases at a time, ≤ ${o.concurrency} requests in flight, seed ${o.seed}`);

  const t0 = Date.now();
  let drive: DriveReport;
  try {
    drive = await driveChaos({
      ops,
      fixture,
      app: o.app,
      control: o.control,
      sandboxUrl: o.sandboxUrl,
      sql: o.sql,
      concurrency: o.concurrency,
      chains: o.chains,
      killAfter: Math.floor(ops.length * 0.4),
      expireTokensEvery: 40,
      leaseBusyTimeoutMs: o.leaseBusyTimeoutMs,
      log,
    });
  } catch (error) {
    await o.control.setConfig(restore);
    throw error;
  } finally {
    // Faults and declines nobody took must not touch what runs next.
    await o.control.clearFaults();
    await o.control.clearScenarios();
  }
  try {
    return await settle(o, { fixture, drive, since, t0 });
  } finally {
    await o.control.setConfig(restore);
  }
}

async function settle(o: ChaosRunOptions, { fixture, drive, since, t0 }: { fixture: ChaosFixture; drive: DriveReport; since: Date; t0: number }): Promise<ChaosRunResult> {
  const log = o.log ?? (() => {});
  const driveSeconds = (Date.now() - t0) / 1000;
  log(`driven in ${driveSeconds.toFixed(1)} s; settling`);

  const t1 = Date.now();
  const admin = await signIn(o.app.url, fixture.adminEmail);
  let audit = await auditChaos(o.sql, o.control, fixture, since);
  let lastReconcile = Date.now();
  while (!auditIsClean(audit, { callbacks: o.settleCallbacks }) && Date.now() - t1 < o.settleTimeoutMs) {
    // The admin checks the statement now and then, as the daily-proof page invites (the sweep does it too).
    if (audit.lost > 0 && Date.now() - lastReconcile > 10_000) {
      await call(o.app.url, '/api/v1/mpesa/statement/reconcile', { method: 'POST', cookie: admin, body: {} });
      lastReconcile = Date.now();
    }
    await sleep(1_000);
    audit = await auditChaos(o.sql, o.control, fixture, since);
  }
  // Every op that reached Haven or M-Pesa, whatever the answer (a spike arrest is M-Pesa answering); not the skipped.
  const payments = Object.values(drive.byKind).reduce((s, k) => s + k.sent + k.unknown + k.refused, 0);
  return { fixture, payments, drive, audit, driveSeconds, settleSeconds: (Date.now() - t1) / 1000 };
}

/** The figures a run prints: what was driven, which faults, how long, and the audit's counts. */
export function formatDrive(r: ChaosRunResult): string {
  const d = r.drive;
  const kinds = Object.entries(d.byKind).map(([k, c]) => `${k}: ${c.sent} sent, ${c.unknown} outcome unknown, ${c.refused} refused, ${c.skipped} skipped`);
  const faults = Object.entries(d.faults).sort(([, a], [, b]) => b - a).map(([f, n]) => `${f}×${n}`).join(' ');
  const refusals = Object.entries(d.refusals).map(([f, n]) => `${f}×${n}`).join(', ');
  return [
    `payments that reached M-Pesa or Haven: ${r.payments} (${kinds.join('; ')})`,
    `faults injected: ${d.faultsInjected} (${faults}); token expiries ${d.tokenExpiries}; approvals by a second admin ${d.approvals}`,
    `kill -9 after op ${d.killedAt ?? 'never'}; app back in ${d.restartMs ?? '-'} ms`,
    ...(refusals ? [`refused by Haven or M-Pesa (expected under faults): ${refusals}`] : []),
    `time per op: ${Object.entries(d.timing).map(([k, t]) => `${k} avg ${t.n ? Math.round(t.totalMs / t.n) : 0} ms, max ${t.maxMs} ms`).join('; ')}`,
    `slowest: ${d.slowest.map((s) => `${s.op} ${s.ms} ms`).join(' | ')}`,
    `drive ${r.driveSeconds.toFixed(1)} s, settle ${r.settleSeconds.toFixed(1)} s`,
  ].join('\n');
}
