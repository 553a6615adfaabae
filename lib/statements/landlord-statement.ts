import { allocatePayments } from '@/lib/ledger/allocate-payments';
import { daysBetween, nairobiDate } from '@/lib/ledger/rent-period';

/**
 * A landlord's (owner's) statement for one property and a date range, as a pure function of its leases' ledger
 * entries:
 * - charged: rent and other charges (not deposits) due in the range, less credit notes made in the range;
 * - collected: payments made in the range, less those reversed or undone in the range, less what of them went to
 *   deposits (deposits are held, not income);
 * - arrears at the end of the range, by age of the unpaid charges (0–30, 31–60, 61–90, 90+ days past due);
 * - deposits held now, refunds and deductions (kept for the landlord) in the range;
 * - the agency's commission on rent collected, and what is due to the landlord:
 *   collected + deductions kept − commission.
 */

export interface LeaseLedger {
  leaseId: string;
  unitLabel: string;
  tenantName: string;
  accountReference: string;
  status: string;
  charges: { id: string; kind: string; amountCents: number; dueDate: string; createdAt: Date }[];
  creditNotes: { chargeId: string; amountCents: number; createdAt: Date }[];
  payments: { id: string; amountCents: number; paidAt: Date; createdAt: Date }[];
  corrections: { paymentId: string; effectiveAt: Date }[];
  /** Current allocations of payments to deposit charges, by payment. */
  depositAllocations: { paymentId: string; amountCents: number }[];
  depositMovements: { kind: string; amountCents: number; createdAt: Date; correctsId: string | null; id: string }[];
  depositHeldCents: number;
}

export interface ArrearsBuckets { days0to30: number; days31to60: number; days61to90: number; days90plus: number; total: number }

export interface LandlordStatementLine {
  leaseId: string; unitLabel: string; tenantName: string; accountReference: string; status: string;
  chargedCents: number; collectedCents: number; arrears: ArrearsBuckets; depositHeldCents: number; refundsCents: number; deductionsKeptCents: number;
}

export interface LandlordStatement {
  from: string;
  to: string;
  commissionBps: number;
  lines: LandlordStatementLine[];
  totals: Omit<LandlordStatementLine, 'leaseId' | 'unitLabel' | 'tenantName' | 'accountReference' | 'status'> & { commissionCents: number; dueToLandlordCents: number };
}

const inRange = (date: string, from: string, to: string) => date >= from && date <= to;
const emptyBuckets = (): ArrearsBuckets => ({ days0to30: 0, days31to60: 0, days61to90: 0, days90plus: 0, total: 0 });

export function arrearsAt(lease: Pick<LeaseLedger, 'charges' | 'creditNotes' | 'payments' | 'corrections'>, to: string): ArrearsBuckets {
  const creditedBy = new Map<string, number>();
  for (const n of lease.creditNotes) if (nairobiDate(n.createdAt) <= to) creditedBy.set(n.chargeId, (creditedBy.get(n.chargeId) ?? 0) + n.amountCents);
  const charges = lease.charges.filter((c) => c.dueDate <= to).map((c) => ({ ...c, amountCents: c.amountCents - (creditedBy.get(c.id) ?? 0) })).filter((c) => c.amountCents > 0);
  const correctedBy = new Map(lease.corrections.map((c) => [c.paymentId, nairobiDate(c.effectiveAt)]));
  const payments = lease.payments.filter((p) => nairobiDate(p.paidAt) <= to && !((correctedBy.get(p.id) ?? '9999') <= to));
  const { outstandingByCharge } = allocatePayments({ charges, payments });
  const buckets = emptyBuckets();
  for (const c of charges) {
    const owed = outstandingByCharge.get(c.id) ?? 0;
    if (owed <= 0) continue;
    const age = daysBetween(c.dueDate, to);
    const key = age <= 30 ? 'days0to30' : age <= 60 ? 'days31to60' : age <= 90 ? 'days61to90' : 'days90plus';
    buckets[key] += owed;
    buckets.total += owed;
  }
  return buckets;
}

export function buildLandlordStatement(leases: LeaseLedger[], { from, to, commissionBps }: { from: string; to: string; commissionBps: number }): LandlordStatement {
  const lines = leases.map((l): LandlordStatementLine => {
    const depositCharges = new Set(l.charges.filter((c) => c.kind === 'deposit').map((c) => c.id));
    const charged = l.charges.filter((c) => c.kind !== 'deposit' && inRange(c.dueDate, from, to)).reduce((s, c) => s + c.amountCents, 0)
      - l.creditNotes.filter((n) => !depositCharges.has(n.chargeId) && inRange(nairobiDate(n.createdAt), from, to)).reduce((s, n) => s + n.amountCents, 0);
    const corrected = new Set(l.corrections.map((c) => c.paymentId));
    const paidInRange = l.payments.filter((p) => inRange(nairobiDate(p.paidAt), from, to));
    const toDeposit = new Map<string, number>();
    for (const a of l.depositAllocations) toDeposit.set(a.paymentId, (toDeposit.get(a.paymentId) ?? 0) + a.amountCents);
    const reversedInRange = l.corrections.filter((c) => inRange(nairobiDate(c.effectiveAt), from, to))
      .reduce((s, c) => s + (l.payments.find((p) => p.id === c.paymentId)?.amountCents ?? 0), 0);
    // Deposit shares of payments still standing (a corrected payment has no allocation left).
    const collected = paidInRange.reduce((s, p) => s + p.amountCents, 0) - reversedInRange
      - paidInRange.filter((p) => !corrected.has(p.id)).reduce((s, p) => s + (toDeposit.get(p.id) ?? 0), 0);
    const moved = (kind: string) => l.depositMovements.filter((m) => m.kind === kind && inRange(nairobiDate(m.createdAt), from, to));
    const deductionIds = new Set(l.depositMovements.filter((m) => m.kind === 'deduction').map((m) => m.id));
    const deductionsKept = -moved('deduction').reduce((s, m) => s + m.amountCents, 0)
      - moved('adjustment').filter((m) => m.correctsId && deductionIds.has(m.correctsId)).reduce((s, m) => s + m.amountCents, 0);
    return {
      leaseId: l.leaseId, unitLabel: l.unitLabel, tenantName: l.tenantName, accountReference: l.accountReference, status: l.status,
      chargedCents: charged, collectedCents: collected, arrears: arrearsAt(l, to), depositHeldCents: l.depositHeldCents,
      refundsCents: -moved('refund').reduce((s, m) => s + m.amountCents, 0), deductionsKeptCents: deductionsKept,
    };
  });
  const sum = (f: (l: LandlordStatementLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const arrears = emptyBuckets();
  for (const l of lines) for (const k of Object.keys(arrears) as (keyof ArrearsBuckets)[]) arrears[k] += l.arrears[k];
  const collectedCents = sum((l) => l.collectedCents);
  const deductionsKeptCents = sum((l) => l.deductionsKeptCents);
  const commissionCents = Math.round((collectedCents * commissionBps) / 10_000);
  return {
    from, to, commissionBps, lines,
    totals: {
      chargedCents: sum((l) => l.chargedCents), collectedCents, arrears, depositHeldCents: sum((l) => l.depositHeldCents), refundsCents: sum((l) => l.refundsCents),
      deductionsKeptCents, commissionCents, dueToLandlordCents: collectedCents + deductionsKeptCents - commissionCents,
    },
  };
}
