import type { Sql } from 'postgres';
import type { SandboxControl } from '../sandbox-process';
import { call, signIn, sleep, type HttpAnswer } from './chaos-http';
import type { ChaosFixture } from './chaos-fixture';
import { describeFault, type ChaosOp, type ChaosOpKind } from './chaos-plan';
import { Paybill } from './chaos-paybill';

/**
 * Runs a chaos plan against a live app and sandbox, as people and M-Pesa would: tenants push STK prompts through
 * Haven's API with their own sessions, payers use the paybill (the sandbox's C2B simulate), an admin sends payouts
 * and reversals through the API and a second admin approves what must wait. `chains` leases are worked at once,
 * each lease's ops in order, with at most `concurrency` requests in flight. Once `killAfter` ops have started, the app is killed with SIGKILL and
 * started again; requests that found it down are repeated when it is back (payouts carry an idempotency key).
 */

export interface AppController {
  url: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

export interface DriveOptions {
  ops: ChaosOp[];
  fixture: ChaosFixture;
  app: AppController;
  control: SandboxControl;
  sandboxUrl: string;
  sql: Sql;
  /** Requests to the app and the sandbox in flight at most (the machine is small and shared). */
  concurrency: number;
  /** Leases worked at once; each mostly waits (for a prompt to settle, a payment to be credited) between requests. */
  chains: number;
  /** Kill -9 the app once this many ops have started (never, if beyond the plan). */
  killAfter: number;
  /** Expire every Daraja token after each this many ops. */
  expireTokensEvery: number;
  /** How long an op waits for its lease to be free (an earlier push still settling) before it is skipped. */
  leaseBusyTimeoutMs: number;
  log?: (line: string) => void;
}

export type OpOutcome = 'sent' | 'unknown' | 'refused' | 'skipped';

export interface DriveReport {
  byKind: Record<ChaosOpKind, Record<OpOutcome, number>>;
  faults: Record<string, number>;
  faultsInjected: number;
  approvals: number;
  tokenExpiries: number;
  killedAt: number | null;
  restartMs: number | null;
  refusals: Record<string, number>;
  /** The slowest ops, to see what a run waits for. */
  slowest: { op: string; ms: number }[];
  /** Milliseconds per op, by kind: [count, total, max]. */
  timing: Record<ChaosOpKind, { n: number; totalMs: number; maxMs: number }>;
}

const TWIN_ORDERS = ['stk-first', 'c2b-first', 'concurrent'] as const;

const emptyCounts = (): Record<OpOutcome, number> => ({ sent: 0, unknown: 0, refused: 0, skipped: 0 });

/** At most `size` holders at a time. */
class Semaphore {
  private queue: (() => void)[] = [];
  constructor(private free: number) {}
  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

/** Opens and closes while the app is being killed and started again. */
class Gate {
  private waiting: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;
  close(): void {
    this.waiting = new Promise((resolve) => (this.release = resolve));
  }
  open(): void {
    this.release?.();
    this.release = null;
  }
  ready(): Promise<void> {
    return this.waiting;
  }
}

export async function driveChaos(o: DriveOptions): Promise<DriveReport> {
  const report: DriveReport = {
    byKind: { stk: emptyCounts(), paybill: emptyCounts(), b2c: emptyCounts(), reversal: emptyCounts() },
    faults: {},
    faultsInjected: 0,
    approvals: 0,
    tokenExpiries: 0,
    killedAt: null,
    restartMs: null,
    refusals: {},
    slowest: [],
    timing: { stk: { n: 0, totalMs: 0, maxMs: 0 }, paybill: { n: 0, totalMs: 0, maxMs: 0 }, b2c: { n: 0, totalMs: 0, maxMs: 0 }, reversal: { n: 0, totalMs: 0, maxMs: 0 } },
  };
  const log = o.log ?? (() => {});
  const gate = new Gate();
  const inFlight = new Semaphore(o.concurrency);
  const cookies = new Map<string, string>();
  const paybill = new Paybill(o.sandboxUrl);
  let restarting: Promise<void> | null = null;
  let started = 0;

  /** The app's answer, repeating a request that found it down once it is back (bounded). */
  const request = async (path: string, init: Parameters<typeof call>[2]): Promise<HttpAnswer> => {
    for (let attempt = 0; ; attempt += 1) {
      await gate.ready();
      const res = await inFlight.use(() => call(o.app.url, path, init));
      if (res.status !== 0 || attempt >= 20) return res;
      await sleep(500);
    }
  };
  const session = async (email: string): Promise<string> => {
    let cookie = cookies.get(email);
    for (let attempt = 0; !cookie; attempt += 1) {
      await gate.ready();
      try {
        cookie = await inFlight.use(() => signIn(o.app.url, email));
        cookies.set(email, cookie);
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(500);
      }
    }
    return cookie;
  };
  const refused = (op: ChaosOp, res: HttpAnswer): OpOutcome => {
    const code = (res.json as { error?: { code?: string } } | null)?.error?.code ?? res.text.slice(0, 40);
    const key = `${op.kind} ${res.status} ${code}`;
    report.refusals[key] = (report.refusals[key] ?? 0) + 1;
    return 'refused';
  };
  const approve = async (id: string): Promise<void> => {
    const res = await request(`/api/v1/mpesa/payouts/${id}/approve`, { method: 'POST', cookie: await session(o.fixture.approverEmail), body: {} });
    if (res.status === 200) report.approvals += 1;
    else log(`approval of ${id} answered ${res.status}: ${res.text.slice(0, 200)}`);
  };

  const stk = async (op: ChaosOp): Promise<OpOutcome> => {
    const cookie = await session(op.lease.email);
    if (op.declineWith) await o.control.addScenario({ match: { api: 'stk', phone: op.lease.phone }, resultCode: op.declineWith });
    const deadline = Date.now() + o.leaseBusyTimeoutMs;
    for (;;) {
      const res = await request('/api/v1/mpesa/stk-push', { method: 'POST', cookie, body: { leaseId: op.lease.leaseId, amount: op.amountKes, phoneNumber: op.lease.phone } });
      if (res.status === 201) return 'sent';
      if (res.status === 202) return 'unknown';
      // 200: a prompt of an earlier op is still open on this lease; 409: M-Pesa has not settled it yet, or the
      // phone has a prompt open. The tenant waits and tries again, as the page tells them to.
      if ((res.status === 200 || res.status === 409) && Date.now() < deadline) {
        await sleep(1_000);
        continue;
      }
      return res.status === 200 || res.status === 409 ? 'skipped' : refused(op, res);
    }
  };
  const payOnPaybill = async (op: ChaosOp): Promise<OpOutcome> => {
    const ok = await inFlight.use(() => paybill.pay({ amountKes: op.amountKes, msisdn: op.lease.phone, accountReference: op.lease.accountReference }));
    return ok ? 'sent' : refused(op, { status: 400, json: null, text: 'simulate refused' });
  };
  const b2c = async (op: ChaosOp): Promise<OpOutcome> => {
    const cookie = await session(o.fixture.adminEmail);
    const body = { phone: op.lease.phone, amount: op.amountKes, occasion: 'Refund', remarks: `Chaos refund ${op.seq}`, idempotencyKey: `chaos-${o.fixture.tag}-${op.seq}` };
    const res = await request('/api/v1/mpesa/b2c', { method: 'POST', cookie, body });
    if (res.status !== 201 && res.status !== 200) return refused(op, res);
    const payout = (res.json as { payout: { id: string; status: string } }).payout;
    if (payout.status === 'AWAITING_APPROVAL') await approve(payout.id);
    return 'sent';
  };
  const reversal = async (op: ChaosOp): Promise<OpOutcome> => {
    const target = op.reverses!;
    // The admin reverses what the books show: wait until the paybill payment is credited with its receipt.
    const deadline = Date.now() + o.leaseBusyTimeoutMs;
    let receipt: string | undefined;
    while (!receipt && Date.now() < deadline) {
      const [row] = await o.sql<{ receipt: string }[]>`
        select mpesa_receipt_number as receipt from payments
        where lease_id = ${target.lease.leaseId} and amount_cents = ${target.amountKes * 100} and method = 'mpesa_paybill' and mpesa_receipt_number is not null`;
      receipt = row?.receipt;
      if (!receipt) await sleep(500);
    }
    if (!receipt) return 'skipped';
    const cookie = await session(o.fixture.adminEmail);
    const res = await request('/api/v1/mpesa/reverse', { method: 'POST', cookie, body: { transactionId: receipt, amount: op.amountKes, remarks: `Chaos reversal ${op.seq}` } });
    // A repeat after the app died finds the reversal the first attempt recorded.
    const existing = (res.json as { error?: { details?: { reversalId?: string } } } | null)?.error?.details?.reversalId;
    if (res.status === 409 && existing) return 'sent';
    if (res.status !== 201) return refused(op, res);
    const recorded = (res.json as { reversal: { id: string; status: string } }).reversal;
    if (recorded.status === 'AWAITING_APPROVAL') await approve(recorded.id);
    return 'sent';
  };
  const run: Record<ChaosOpKind, (op: ChaosOp) => Promise<OpOutcome>> = { stk, paybill: payOnPaybill, b2c, reversal };

  const killAndRestart = async (): Promise<void> => {
    gate.close();
    log(`kill -9 of the app after ${started} ops`);
    report.killedAt = started;
    await o.app.kill();
    const t0 = Date.now();
    try {
      await o.app.restart();
    } finally {
      report.restartMs = Date.now() - t0;
      gate.open();
    }
    log(`app back after ${report.restartMs} ms`);
  };

  const startOp = async (op: ChaosOp): Promise<void> => {
    started += 1;
    if (started === o.killAfter && !restarting) restarting = killAndRestart();
    if (started % o.expireTokensEvery === 0) {
      await o.control.expireTokens();
      report.tokenExpiries += 1;
      // The STK payment's paybill twin (SPEC §9.6) comes first, second or at the same time, in turns.
      await o.control.setConfig({ stkTwinOrder: TWIN_ORDERS[(started / o.expireTokensEvery) % TWIN_ORDERS.length]! });
    }
    for (const fault of op.faults) {
      await o.control.addFault(fault);
      const name = describeFault(fault);
      report.faults[name] = (report.faults[name] ?? 0) + 1;
      report.faultsInjected += 1;
    }
    const t0 = Date.now();
    const outcome = await run[op.kind](op);
    const ms = Date.now() - t0;
    report.byKind[op.kind][outcome] += 1;
    const t = report.timing[op.kind];
    t.n += 1;
    t.totalMs += ms;
    t.maxMs = Math.max(t.maxMs, ms);
    report.slowest.push({ op: `#${op.seq} ${op.kind} ${op.lease.accountReference} ${outcome} [${op.faults.map(describeFault).join(', ')}]`, ms });
    report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 8);
  };

  // Each lease's ops in order; `chains` leases at a time.
  const byLease = new Map<string, ChaosOp[]>();
  for (const op of o.ops) byLease.set(op.lease.leaseId, [...(byLease.get(op.lease.leaseId) ?? []), op]);
  const queue = [...byLease.values()];
  const worker = async (): Promise<void> => {
    for (let chain = queue.shift(); chain; chain = queue.shift()) for (const op of chain) await startOp(op);
  };
  await Promise.all(Array.from({ length: o.chains }, worker));
  if (restarting) await restarting;
  return report;
}
