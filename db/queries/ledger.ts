import { and, asc, desc, eq, sql, sum } from 'drizzle-orm';
import { allocatePayments } from '@/lib/ledger/allocate-payments';
import type { DbOrTx, Tx } from '../client';
import { charges, depositMovements, leases, paymentAllocations, payments } from '../schema';

/**
 * Recomputes a lease's allocations oldest-first. Must run inside the transaction that changed its charges or
 * payments; the lease row is locked so two concurrent payments on one lease cannot interleave their allocations.
 */
export async function reallocateLease(tx: Tx, { leaseId }: { leaseId: string }): Promise<void> {
  await lockLease(tx, { leaseId });
  const [leaseCharges, leasePayments] = await Promise.all([
    tx.select({ id: charges.id, amountCents: charges.amountCents, dueDate: charges.dueDate, createdAt: charges.createdAt })
      .from(charges).where(eq(charges.leaseId, leaseId)),
    tx.select({ id: payments.id, amountCents: payments.amountCents, paidAt: payments.paidAt, createdAt: payments.createdAt })
      .from(payments).where(and(eq(payments.leaseId, leaseId), eq(payments.status, 'completed'))),
  ]);
  const { allocations } = allocatePayments({ charges: leaseCharges, payments: leasePayments });
  await tx.delete(paymentAllocations).where(eq(paymentAllocations.leaseId, leaseId));
  if (allocations.length > 0) await tx.insert(paymentAllocations).values(allocations.map((a) => ({ ...a, leaseId })));
}

export interface LeaseBalance {
  chargedCents: number;
  paidCents: number;
  /** What the tenant owes now (0 when in credit). */
  dueCents: number;
  creditCents: number;
}

export async function getLeaseBalance(db: DbOrTx, { leaseId }: { leaseId: string }): Promise<LeaseBalance> {
  const [[charged], [paid]] = await Promise.all([
    db.select({ total: sum(charges.amountCents) }).from(charges).where(eq(charges.leaseId, leaseId)),
    db.select({ total: sum(payments.amountCents) }).from(payments).where(and(eq(payments.leaseId, leaseId), eq(payments.status, 'completed'))),
  ]);
  const chargedCents = Number(charged?.total ?? 0);
  const paidCents = Number(paid?.total ?? 0);
  return { chargedCents, paidCents, dueCents: Math.max(0, chargedCents - paidCents), creditCents: Math.max(0, paidCents - chargedCents) };
}

/** Each charge with what is still owed on it, oldest first. */
export async function listLeaseCharges(db: DbOrTx, { leaseId }: { leaseId: string }) {
  // Written out in full: inside a subquery Drizzle would print the outer column unqualified, and `id` would
  // then bind to payment_allocations.id.
  const allocated = sql<number>`coalesce((select sum(pa.amount_cents) from payment_allocations pa where pa.charge_id = "charges"."id"), 0)`.mapWith(Number);
  const rows = await db
    .select({ id: charges.id, kind: charges.kind, period: charges.period, description: charges.description, amountCents: charges.amountCents, dueDate: charges.dueDate, allocatedCents: allocated })
    .from(charges).where(eq(charges.leaseId, leaseId)).orderBy(asc(charges.dueDate), asc(charges.createdAt));
  return rows.map((r) => ({ ...r, outstandingCents: r.amountCents - r.allocatedCents }));
}

export async function listLeasePayments(db: DbOrTx, { leaseId, limit = 50 }: { leaseId: string; limit?: number }) {
  return db.select().from(payments).where(eq(payments.leaseId, leaseId)).orderBy(desc(payments.paidAt)).limit(limit);
}

/** Which charges a payment settled: the periods a receipt shows as paid. */
export async function listPaymentAllocations(db: DbOrTx, { paymentId }: { paymentId: string }) {
  return db
    .select({ chargeId: charges.id, kind: charges.kind, period: charges.period, description: charges.description, amountCents: paymentAllocations.amountCents })
    .from(paymentAllocations).innerJoin(charges, eq(charges.id, paymentAllocations.chargeId))
    .where(eq(paymentAllocations.paymentId, paymentId)).orderBy(asc(charges.dueDate));
}

export async function getDepositHeld(db: DbOrTx, { leaseId }: { leaseId: string }): Promise<number> {
  const [row] = await db.select({ total: sum(depositMovements.amountCents) }).from(depositMovements).where(eq(depositMovements.leaseId, leaseId));
  return Number(row?.total ?? 0);
}

export type NewPayment = typeof payments.$inferInsert;

/**
 * Records a payment and reallocates the lease. A receipt number already credited (unique index) makes this a
 * no-op that returns null: the same money arriving twice, by any route, is credited once (invariant 1).
 */
export async function recordPayment(tx: Tx, payment: NewPayment) {
  const [row] = await tx.insert(payments).values(payment).onConflictDoNothing().returning();
  if (!row) return null;
  await reallocateLease(tx, { leaseId: row.leaseId });
  return row;
}

/**
 * Serialises everything that changes one lease's money (STK settlement, paybill confirmation, refund requests,
 * reallocation): each checks what the others already recorded, so they must not run their checks at the same time.
 */
export async function lockLease(tx: Tx, { leaseId }: { leaseId: string }): Promise<void> {
  await tx.select({ id: leases.id }).from(leases).where(eq(leases.id, leaseId)).for('update');
}
