import type { SandboxFaultInput } from '../sandbox-process';
import type { ChaosLease } from './chaos-fixture';

/**
 * What one chaos run does, decided up front from a seed so a failing run can be repeated: per lease, six money
 * movements (a paybill payment that is later reversed, an STK push, a payout, a second paybill payment, the
 * reversal, another STK push), each with at most a couple of Daraja faults.
 */

export type ChaosOpKind = 'stk' | 'paybill' | 'b2c' | 'reversal';

export interface ChaosOp {
  seq: number;
  kind: ChaosOpKind;
  lease: ChaosLease;
  amountKes: number;
  /** Injected into the sandbox just before the op's request (faults are shared: a concurrent op may take one). */
  faults: SandboxFaultInput[];
  /** STK only: the prompt ends this way instead of being paid (1032 cancelled, 1 insufficient funds). */
  declineWith?: string;
  /** Reversal only: the paybill op whose payment it returns. */
  reverses?: ChaosOp;
}

export interface ChaosPlanOptions {
  leases: ChaosLease[];
  seed: number;
  /** Share of ops that get a fault (0–1). */
  faultRate: number;
  /** The app's Daraja HTTP timeout: a slow acknowledgement is made to outlast it. */
  httpTimeoutMs: number;
  /**
   * Faults whose settlement takes minutes by design (an STK push answered 500 stays pending until the unsent
   * deadline, 180 s; a payout or reversal M-Pesa never took waits five minutes): the bench has the time, CI not.
   */
  slowFaults: boolean;
}

/** mulberry32: small, fast and repeatable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type FaultMenu = SandboxFaultInput[];

function menus({ httpTimeoutMs, slowFaults }: ChaosPlanOptions): Record<ChaosOpKind, FaultMenu> {
  const callbackFaults = (api: 'stk' | 'c2b' | 'b2c' | 'reversal'): FaultMenu => [
    { api, kind: 'drop-callback' },
    { api, kind: 'duplicate-callback', copies: 3 },
    { api, kind: 'duplicate-callback', copies: 2, concurrent: false },
    { api, kind: 'delay-callback', delayMs: 1_500 },
    { api, kind: 'callback-before-ack' },
    { api, kind: 'reorder-callbacks', count: 2, flushAfterMs: 1_500 },
    { api, kind: 'malformed-callback' },
  ];
  const verification: FaultMenu = [
    { api: 'status', kind: 'drop-callback' },
    { api: 'status', kind: 'http-error', status: 500 },
    { api: 'status', kind: 'delay-callback', delayMs: 1_500 },
  ];
  const initiator = (api: 'b2c' | 'reversal'): FaultMenu => [
    ...callbackFaults(api),
    { api, kind: 'http-error', status: 503 },
    { api, kind: 'reset-connection', after: 'after-work' },
    { api, kind: 'slow-ack', delayMs: httpTimeoutMs + 1_000 },
    { api: 'oauth', kind: 'http-error', status: 500 },
    // M-Pesa did nothing, but Haven cannot know: the request stays UNKNOWN until Transaction Status has said "no
    // such transaction" for five minutes (a payout or reversal may sit in M-Pesa's queue that long).
    ...(slowFaults
      ? ([
          { api, kind: 'queue-timeout' },
          { api, kind: 'http-error', status: 500 },
          { api, kind: 'reset-connection', after: 'before-work' },
        ] as const)
      : []),
  ];
  return {
    stk: [
      ...callbackFaults('stk'),
      { api: 'stk', kind: 'http-error', status: 503 },
      { api: 'stk', kind: 'spike-arrest' },
      { api: 'stk', kind: 'slow-ack', delayMs: httpTimeoutMs + 1_000 },
      { api: 'stk', kind: 'reset-connection', after: 'after-work' },
      { api: 'stk-query', kind: 'http-error', status: 500 },
      { api: 'stk-query', kind: 'spike-arrest' },
      { api: 'oauth', kind: 'http-error', status: 500 },
      ...(slowFaults
        ? ([
            { api: 'stk', kind: 'http-error', status: 500 },
            { api: 'stk', kind: 'reset-connection', after: 'before-work' },
          ] as const)
        : []),
      ...verification,
    ],
    paybill: [...callbackFaults('c2b'), ...verification, { api: 'pull', kind: 'failed-to-retrieve' }],
    b2c: [...initiator('b2c'), ...verification],
    reversal: [...initiator('reversal'), ...verification],
  };
}

/** Six ops per lease; `ops` is rounded up to whole leases by the caller (leases = ceil(ops / 6)). */
export const OPS_PER_LEASE = 6;

export function planChaos(options: ChaosPlanOptions): ChaosOp[] {
  const random = prng(options.seed);
  const menu = menus(options);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const faultsFor = (kind: ChaosOpKind): SandboxFaultInput[] => {
    if (random() >= options.faultRate) return [];
    const faults = [pick(menu[kind])];
    // One op in five gets a second fault: a duplicate that is also late, a drop while verification fails…
    if (random() < 0.2) faults.push(pick(menu[kind]));
    return faults;
  };
  const ops: ChaosOp[] = [];
  let seq = 0;
  // Every amount is different: the sandbox refuses the same amount from the same phone within two minutes, and
  // distinct amounts make every payment easy to find by eye in the per-lease table.
  const next = (kind: ChaosOpKind, lease: ChaosLease, amountKes: number, extra: Partial<ChaosOp> = {}): ChaosOp => {
    seq += 1;
    const op: ChaosOp = { seq, kind, lease, amountKes, faults: faultsFor(kind), ...extra };
    ops.push(op);
    return op;
  };
  for (const lease of options.leases) {
    const base = 100 + lease.index * 8;
    const decline = lease.index % 10 === 3 ? '1032' : lease.index % 10 === 7 ? '1' : undefined;
    // The payment to be reversed comes first and its reversal late, so it is usually credited by then; the two
    // STK pushes are far apart, so the first has usually settled before the lease may push again.
    const reversed = next('paybill', lease, base + 3);
    next('stk', lease, base + 1, decline ? { declineWith: decline } : {});
    // Most payouts are small; one lease in twelve sends one above the approval threshold (KES 10,000).
    next('b2c', lease, lease.index % 12 === 5 ? 10_500 + lease.index : 10 + (lease.index % 90));
    next('paybill', lease, base + 2);
    next('reversal', lease, base + 3, { reverses: reversed });
    next('stk', lease, base + 4);
  }
  return ops;
}

export function describeFault(f: SandboxFaultInput): string {
  const detail = 'status' in f ? ` ${f.status}` : 'after' in f ? ` ${f.after}` : '';
  return `${f.api}:${f.kind}${detail}`;
}
