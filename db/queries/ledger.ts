import { and, eq, ne, sql, sum } from 'drizzle-orm';
import { allocatePayments } from '@/lib/ledger/allocate-payments';
import type { DbOrTx, Tx } from '../client';
import {
  charges, creditNotes, depositMovements, leases, paymentAllocations, paymentCorrections, paymentReceipts, payments,
  type PaymentCorrectionKind, type ReceiptLine,
} from '../schema';
import { getLeaseBalance, listPaymentAllocations } from './ledger-balances';

/**
 * The ledger's writes. This file (called by lib/ledger, lib/leases, lib/deposits and the M-Pesa payment services)
 * is the only code that inserts charges, payments, allocations, credit notes, payment corrections and deposit
 * movements. Every function runs inside the caller's transaction, with the lease locked, so a lease's entries and
 * their allocation always change together.
 */

export { getDepositHeld, getLeaseBalance, listLeaseCharges, listLeasePayments, listPaymentAllocations } from './ledger-balances';
export type { LeaseBalance } from './ledger-balances';

/** The leases each open transaction has locked (forgotten with the transaction object). */
const leasesLockedBy = new WeakMap<Tx, Set<string>>();

/**
 * Serialises everything that changes one lease's money (STK settlement, paybill confirmation, refund requests,
 * reallocation): each checks what the others already recorded, so they must not run their checks at the same time.
 */
export async function lockLease(tx: Tx, { leaseId }: { leaseId: string }): Promise<void> {
  // Once per transaction: a service locks the lease before its checks, then the ledger write it calls would lock
  // it again — a row lock is held until commit, so the second round trip would buy nothing.
  const held = leasesLockedBy.get(tx) ?? new Set<string>();
  if (held.has(leaseId)) return;
  await tx.select({ id: leases.id }).from(leases).where(eq(leases.id, leaseId)).for('update');
  held.add(leaseId);
  leasesLockedBy.set(tx, held);
}

/**
 * Recomputes a lease's allocations oldest-first from its entries: charges net of their credit notes, payments
 * without a correction. Must run inside the transaction that changed them.
 */
export async function reallocateLease(tx: Tx, { leaseId }: { leaseId: string }): Promise<void> {
  await lockLease(tx, { leaseId });
  await reallocateLockedLease(tx, { leaseId });
}

async function reallocateLockedLease(tx: Tx, { leaseId }: { leaseId: string }): Promise<void> {
  const credited = sql<number>`coalesce((select sum(cn.amount_cents) from credit_notes cn where cn.charge_id = "charges"."id"), 0)`.mapWith(Number);
  const [leaseCharges, leasePayments] = await Promise.all([
    tx.select({ id: charges.id, amountCents: charges.amountCents, credited, dueDate: charges.dueDate, createdAt: charges.createdAt })
      .from(charges).where(eq(charges.leaseId, leaseId)),
    tx.select({ id: payments.id, amountCents: payments.amountCents, paidAt: payments.paidAt, createdAt: payments.createdAt })
      .from(payments).where(and(eq(payments.leaseId, leaseId), eq(payments.status, 'completed'))),
  ]);
  const open = leaseCharges.map((c) => ({ ...c, amountCents: c.amountCents - c.credited })).filter((c) => c.amountCents > 0);
  const { allocations } = allocatePayments({ charges: open, payments: leasePayments });
  await tx.delete(paymentAllocations).where(eq(paymentAllocations.leaseId, leaseId));
  if (allocations.length > 0) await tx.insert(paymentAllocations).values(allocations.map((a) => ({ ...a, leaseId })));
}

/**
 * Allocates a payment just recorded, with the lease locked. Oldest-first allocation is greedy, so a payment that
 * sorts after every other payment of the lease only fills what the charges still owe, in due order: the same
 * allocations as a full recompute (tests/integration/incremental-allocation.test.ts proves it), without deleting
 * and re-inserting the lease's history. A payment dated before another (a late callback, a back-dated manual
 * payment) can move older allocations, so it gets the full recompute. Ties in time recompute too: the pure
 * allocation breaks them by creation time and id, which is not worth repeating here.
 */
async function allocateNewPayment(tx: Tx, payment: PaymentRow): Promise<void> {
  const [later] = await tx.select({ id: payments.id }).from(payments)
    .where(and(
      eq(payments.leaseId, payment.leaseId), eq(payments.status, 'completed'), ne(payments.id, payment.id),
      // JavaScript dates carry milliseconds: compare at that precision, as the pure allocation does.
      sql`date_trunc('milliseconds', ${payments.paidAt}) >= ${payment.paidAt.toISOString()}::timestamptz`,
    ))
    .limit(1);
  if (later) return reallocateLockedLease(tx, { leaseId: payment.leaseId });
  const owed = await tx.select({
    id: charges.id,
    dueDate: charges.dueDate,
    createdAt: charges.createdAt,
    // Written out with the table name: inside a one-table select Drizzle would render the column unqualified.
    amountCents: sql<number>`"charges"."amount_cents"
      - coalesce((select sum(cn.amount_cents) from credit_notes cn where cn.charge_id = "charges"."id"), 0)
      - coalesce((select sum(pa.amount_cents) from payment_allocations pa where pa.charge_id = "charges"."id"), 0)`.mapWith(Number),
  }).from(charges).where(eq(charges.leaseId, payment.leaseId));
  const { allocations } = allocatePayments({ charges: owed.filter((c) => c.amountCents > 0), payments: [payment] });
  if (allocations.length > 0) await tx.insert(paymentAllocations).values(allocations.map((a) => ({ ...a, leaseId: payment.leaseId })));
}

/** Freezes what a payment's receipt shows: the charges it settled now, the credit left, the balance after. */
async function issueReceipt(tx: Tx, { paymentId, leaseId, amountCents }: { paymentId: string; leaseId: string; amountCents: number }) {
  const [allocated, balance] = await Promise.all([listPaymentAllocations(tx, { paymentId }), getLeaseBalance(tx, { leaseId })]);
  const lines: ReceiptLine[] = allocated.map((a) => ({ chargeId: a.chargeId, kind: a.kind, period: a.period, description: a.description, amountCents: a.amountCents }));
  const creditCents = amountCents - lines.reduce((s, l) => s + l.amountCents, 0);
  await tx.insert(paymentReceipts).values({ paymentId, lines, creditCents, balanceAfterCents: balance.dueCents - balance.creditCents }).onConflictDoNothing();
}

/** Issues the receipts of a lease's payments that have none (payments loaded in bulk, e.g. by the demo seed). */
export async function issueMissingReceipts(tx: Tx, { leaseId }: { leaseId: string }): Promise<void> {
  await reallocateLease(tx, { leaseId });
  const missing = await tx.select({ id: payments.id, amountCents: payments.amountCents }).from(payments)
    .where(and(eq(payments.leaseId, leaseId), sql`not exists (select 1 from payment_receipts r where r.payment_id = ${payments.id})`));
  for (const p of missing) await issueReceipt(tx, { paymentId: p.id, leaseId, amountCents: p.amountCents });
}

export type NewPayment = typeof payments.$inferInsert;
export type PaymentRow = typeof payments.$inferSelect;

/**
 * Records a payment, allocates it (the lease locked once, here) and issues its receipt. A receipt number already credited (unique
 * index) makes this a no-op that returns null: the same money arriving twice, by any route, is credited once
 * (invariant 1).
 */
export async function recordPayment(tx: Tx, payment: NewPayment): Promise<PaymentRow | null> {
  await lockLease(tx, { leaseId: payment.leaseId });
  const [row] = await tx.insert(payments).values({ ...payment, status: 'completed', reversedAt: null }).onConflictDoNothing().returning();
  if (!row) return null;
  await allocateNewPayment(tx, row);
  await issueReceipt(tx, { paymentId: row.id, leaseId: row.leaseId, amountCents: row.amountCents });
  return row;
}

/**
 * Takes a payment back out of the books with a correction entry pointing at it (a payment is corrected at most
 * once: a second call returns null). The payment row keeps its amount; its `status` flag mirrors the correction.
 * The rent it settled is owed again; its receipt keeps what it showed.
 */
export async function recordPaymentCorrection(
  tx: Tx,
  { paymentId, kind, reason, at, mpesaReversalId = null, createdBy = null }:
    { paymentId: string; kind: PaymentCorrectionKind; reason: string; at: Date; mpesaReversalId?: string | null; createdBy?: string | null },
): Promise<{ correctionId: string; leaseId: string; amountCents: number } | null> {
  const [payment] = await tx.select({ id: payments.id, leaseId: payments.leaseId, agencyId: payments.agencyId, amountCents: payments.amountCents })
    .from(payments).where(eq(payments.id, paymentId)).limit(1);
  if (!payment) return null;
  await lockLease(tx, { leaseId: payment.leaseId });
  const [correction] = await tx.insert(paymentCorrections)
    .values({ agencyId: payment.agencyId, leaseId: payment.leaseId, paymentId, kind, reason, effectiveAt: at, mpesaReversalId, createdBy })
    .onConflictDoNothing().returning({ id: paymentCorrections.id });
  if (!correction) return null;
  await tx.update(payments).set({ status: 'reversed', reversedAt: at }).where(eq(payments.id, paymentId));
  await reallocateLockedLease(tx, { leaseId: payment.leaseId });
  return { correctionId: correction.id, leaseId: payment.leaseId, amountCents: payment.amountCents };
}

/**
 * The one ledger call for a successful M-Pesa reversal: a correction entry for the payment (idempotent — null
 * when it was already reversed), returning the lease so the caller can audit it.
 */
export async function recordPaymentReversal(
  tx: Tx,
  { paymentId, mpesaReversalId, at, reason = 'Reversed on M-Pesa' }: { paymentId: string; mpesaReversalId: string | null; at: Date; reason?: string },
) {
  return recordPaymentCorrection(tx, { paymentId, kind: 'mpesa_reversal', reason, at, mpesaReversalId });
}

export type NewCharge = typeof charges.$inferInsert;
export type ChargeRow = typeof charges.$inferSelect;

/** Adds a charge (null when its unique key — lease + period for rent, late fee… — already has one). */
export async function insertCharge(tx: Tx, charge: NewCharge): Promise<ChargeRow | null> {
  await lockLease(tx, { leaseId: charge.leaseId });
  const [row] = await tx.insert(charges).values(charge).onConflictDoNothing().returning();
  if (!row) return null;
  await reallocateLockedLease(tx, { leaseId: row.leaseId });
  return row;
}

/** Adds several charges of one lease at once (bulk loads such as the demo seed), reallocating once. */
export async function insertCharges(tx: Tx, { leaseId, rows }: { leaseId: string; rows: Omit<NewCharge, 'leaseId'>[] }): Promise<number> {
  if (rows.length === 0) return 0;
  await lockLease(tx, { leaseId });
  const inserted = await tx.insert(charges).values(rows.map((r) => ({ ...r, leaseId }))).onConflictDoNothing().returning({ id: charges.id });
  if (inserted.length > 0) await reallocateLockedLease(tx, { leaseId });
  return inserted.length;
}

/** How much of a charge may still be credited (its amount less earlier credit notes). */
export async function getCreditableCents(db: DbOrTx, { chargeId }: { chargeId: string }): Promise<number> {
  const [[charge], [credited]] = await Promise.all([
    db.select({ amountCents: charges.amountCents }).from(charges).where(eq(charges.id, chargeId)).limit(1),
    db.select({ total: sum(creditNotes.amountCents) }).from(creditNotes).where(eq(creditNotes.chargeId, chargeId)),
  ]);
  return charge ? charge.amountCents - Number(credited?.total ?? 0) : 0;
}

/** A credit note against a charge; never more than the charge still carries. Returns null when it would be. */
export async function addCreditNote(
  tx: Tx,
  { chargeId, amountCents, reason, createdBy }: { chargeId: string; amountCents: number; reason: string; createdBy: string | null },
) {
  const [charge] = await tx.select({ leaseId: charges.leaseId, agencyId: charges.agencyId }).from(charges).where(eq(charges.id, chargeId)).limit(1);
  if (!charge) return null;
  await lockLease(tx, { leaseId: charge.leaseId });
  if (amountCents <= 0 || amountCents > (await getCreditableCents(tx, { chargeId }))) return null;
  const [row] = await tx.insert(creditNotes).values({ agencyId: charge.agencyId, leaseId: charge.leaseId, chargeId, amountCents, reason, createdBy }).returning();
  await reallocateLockedLease(tx, { leaseId: charge.leaseId });
  return row ?? null;
}

export type NewDepositMovement = typeof depositMovements.$inferInsert;

/** A deposit movement (null when its unique key — the B2C payout, the corrected movement — already has one). */
export async function recordDepositMovement(tx: Tx, movement: NewDepositMovement) {
  await lockLease(tx, { leaseId: movement.leaseId });
  const [row] = await tx.insert(depositMovements).values(movement).onConflictDoNothing().returning();
  return row ?? null;
}

/** The deposit-refund entry of a successful lease payout; at most one per payout, however often results arrive. */
export async function recordDepositRefund(
  tx: Tx,
  { payout, description }: { payout: { id: string; agencyId: string; leaseId: string | null; amountCents: number; requestedBy: string }; description: string },
): Promise<boolean> {
  if (!payout.leaseId) return false;
  const row = await recordDepositMovement(tx, {
    agencyId: payout.agencyId, leaseId: payout.leaseId, kind: 'refund', amountCents: -payout.amountCents, description, b2cTransactionId: payout.id, createdBy: payout.requestedBy,
  });
  return row !== null;
}
