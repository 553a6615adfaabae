import { and, asc, desc, eq, sql, sum } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { charges, creditNotes, depositMovements, paymentAllocations, paymentCorrections, paymentReceipts, payments } from '../schema';

/** Reads of one lease's ledger. Every amount is derived from entries; nothing is stored beside them. */

export interface LeaseBalance {
  chargedCents: number;
  /** Credit notes against charges. */
  creditedCents: number;
  paidCents: number;
  /** What the tenant owes now (0 when in credit). */
  dueCents: number;
  creditCents: number;
}

// Correlated sums written out in full: inside a subquery Drizzle would print outer columns unqualified.
const creditedOnCharge = sql<number>`coalesce((select sum(cn.amount_cents) from credit_notes cn where cn.charge_id = "charges"."id"), 0)`.mapWith(Number);
const allocatedOnCharge = sql<number>`coalesce((select sum(pa.amount_cents) from payment_allocations pa where pa.charge_id = "charges"."id"), 0)`.mapWith(Number);

export async function getLeaseBalance(db: DbOrTx, { leaseId }: { leaseId: string }): Promise<LeaseBalance> {
  const [[charged], [credited], [paid]] = await Promise.all([
    db.select({ total: sum(charges.amountCents) }).from(charges).where(eq(charges.leaseId, leaseId)),
    db.select({ total: sum(creditNotes.amountCents) }).from(creditNotes).where(eq(creditNotes.leaseId, leaseId)),
    db.select({ total: sum(payments.amountCents) }).from(payments).where(and(eq(payments.leaseId, leaseId), eq(payments.status, 'completed'))),
  ]);
  const chargedCents = Number(charged?.total ?? 0);
  const creditedCents = Number(credited?.total ?? 0);
  const paidCents = Number(paid?.total ?? 0);
  const net = chargedCents - creditedCents - paidCents;
  return { chargedCents, creditedCents, paidCents, dueCents: Math.max(0, net), creditCents: Math.max(0, -net) };
}

/** Each charge with its credit notes and what is still owed on it, oldest first. */
export async function listLeaseCharges(db: DbOrTx, { leaseId }: { leaseId: string }) {
  const rows = await db
    .select({
      id: charges.id, kind: charges.kind, period: charges.period, description: charges.description, amountCents: charges.amountCents,
      dueDate: charges.dueDate, createdAt: charges.createdAt, recurringChargeId: charges.recurringChargeId, creditedCents: creditedOnCharge, allocatedCents: allocatedOnCharge,
    })
    .from(charges).where(eq(charges.leaseId, leaseId)).orderBy(asc(charges.dueDate), asc(charges.createdAt));
  return rows.map((r) => ({ ...r, outstandingCents: r.amountCents - r.creditedCents - r.allocatedCents }));
}

export type LeaseChargeRow = Awaited<ReturnType<typeof listLeaseCharges>>[number];

export async function listLeasePayments(db: DbOrTx, { leaseId, limit = 50 }: { leaseId: string; limit?: number }) {
  return db
    .select({
      id: payments.id, amountCents: payments.amountCents, method: payments.method, mpesaReceiptNumber: payments.mpesaReceiptNumber, reference: payments.reference,
      paidAt: payments.paidAt, status: payments.status, createdAt: payments.createdAt, correctionKind: paymentCorrections.kind, correctionReason: paymentCorrections.reason,
    })
    .from(payments).leftJoin(paymentCorrections, eq(paymentCorrections.paymentId, payments.id))
    .where(eq(payments.leaseId, leaseId)).orderBy(desc(payments.paidAt), desc(payments.createdAt)).limit(limit);
}

/** Which charges a payment settles now (allocation is recomputed as the ledger changes). */
export async function listPaymentAllocations(db: DbOrTx, { paymentId }: { paymentId: string }) {
  return db
    .select({ chargeId: charges.id, kind: charges.kind, period: charges.period, description: charges.description, amountCents: paymentAllocations.amountCents })
    .from(paymentAllocations).innerJoin(charges, eq(charges.id, paymentAllocations.chargeId))
    .where(eq(paymentAllocations.paymentId, paymentId)).orderBy(asc(charges.dueDate));
}

/** What the receipt showed when it was issued. */
export async function getPaymentReceipt(db: DbOrTx, { paymentId }: { paymentId: string }) {
  const [row] = await db.select().from(paymentReceipts).where(eq(paymentReceipts.paymentId, paymentId)).limit(1);
  return row ?? null;
}

export async function getPaymentCorrection(db: DbOrTx, { paymentId }: { paymentId: string }) {
  const [row] = await db.select().from(paymentCorrections).where(eq(paymentCorrections.paymentId, paymentId)).limit(1);
  return row ?? null;
}

/**
 * The deposit held: what payments have settled of the lease's deposit charge, plus its movements (opening
 * balances, refunds and deductions negative, adjustments either way).
 */
export async function getDepositHeld(db: DbOrTx, { leaseId }: { leaseId: string }): Promise<number> {
  const [[paid], [moved]] = await Promise.all([
    db.select({ total: sum(paymentAllocations.amountCents) }).from(paymentAllocations)
      .innerJoin(charges, eq(charges.id, paymentAllocations.chargeId)).where(and(eq(paymentAllocations.leaseId, leaseId), eq(charges.kind, 'deposit'))),
    db.select({ total: sum(depositMovements.amountCents) }).from(depositMovements).where(eq(depositMovements.leaseId, leaseId)),
  ]);
  return Number(paid?.total ?? 0) + Number(moved?.total ?? 0);
}

export async function listDepositMovements(db: DbOrTx, { leaseId }: { leaseId: string }) {
  return db.select().from(depositMovements).where(eq(depositMovements.leaseId, leaseId)).orderBy(asc(depositMovements.createdAt));
}
