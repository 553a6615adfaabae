import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../client';
import { payments } from '../schema';

/**
 * Payments a flagged receipt may be the same money as: live payments on the same lease, of the same amount, that
 * carry no receipt of their own (an STK payment credited from the STK query alone). A payment with another receipt
 * is never a candidate: two receipts are two payments (invariant 1). Scoped by agency.
 */

const kept = alias(payments, 'kept');

const candidateColumns = {
  keptId: kept.id,
  id: payments.id,
  leaseId: payments.leaseId,
  amountCents: payments.amountCents,
  method: payments.method,
  payerPhone: payments.payerPhone,
  paidAt: payments.paidAt,
  pushId: payments.mpesaTransactionId,
};

const isCandidate = and(
  eq(payments.leaseId, kept.leaseId),
  eq(payments.amountCents, kept.amountCents),
  ne(payments.id, kept.id),
  eq(payments.status, 'completed'),
  isNull(payments.mpesaReceiptNumber),
  isNull(payments.reference),
  inArray(payments.method, ['mpesa_stk', 'mpesa_paybill']),
);

export type MergeCandidateRow = { keptId: string; id: string; leaseId: string; amountCents: number; method: string; payerPhone: string | null; paidAt: Date; pushId: string | null };

export async function listMergeCandidates(db: DbOrTx, { agencyId, keptIds }: { agencyId: string; keptIds: string[] }): Promise<MergeCandidateRow[]> {
  if (keptIds.length === 0) return [];
  return db
    .select(candidateColumns)
    .from(kept)
    .innerJoin(payments, isCandidate)
    .where(and(inArray(kept.id, keptIds), eq(kept.agencyId, agencyId), eq(kept.status, 'completed')))
    .orderBy(payments.paidAt);
}

/** Locks the candidate (and proves it still is one) before it is merged away. */
export async function lockMergeCandidate(tx: Tx, { agencyId, keptId, paymentId }: { agencyId: string; keptId: string; paymentId: string }): Promise<MergeCandidateRow | null> {
  const [row] = await tx
    .select(candidateColumns)
    .from(kept)
    .innerJoin(payments, isCandidate)
    .where(and(eq(kept.id, keptId), eq(kept.agencyId, agencyId), eq(kept.status, 'completed'), eq(payments.id, paymentId)))
    .limit(1)
    .for('update', { of: payments });
  return row ?? null;
}

/** One of the agency's payments: the receipt a merge keeps, or the payment it took out (to credit again on undo). */
export async function getAgencyPayment(db: DbOrTx, { id, agencyId }: { id: string; agencyId: string }) {
  const [row] = await db.select().from(payments).where(and(eq(payments.id, id), eq(payments.agencyId, agencyId))).limit(1);
  return row ?? null;
}
