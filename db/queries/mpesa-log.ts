import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { callbackInbox, mpesaReceiptChecks, mpesaTransactions } from '../schema';

/**
 * The raw M-Pesa event log for one agency: callbacks whose processing attributed them to the agency (by the
 * request or paybill they concern). Callbacks that match nothing cannot be attributed, so they are counted, not shown.
 */
export async function listAgencyCallbacks(db: DbOrTx, { agencyId, limit = 50 }: { agencyId: string; limit?: number }) {
  return db
    .select({
      id: callbackInbox.id, kind: callbackInbox.kind, receivedAt: callbackInbox.receivedAt, sourceAddress: callbackInbox.sourceAddress,
      outcome: callbackInbox.outcome, error: callbackInbox.error, correlationId: callbackInbox.correlationId, body: callbackInbox.body,
      attempts: callbackInbox.attempts,
    })
    .from(callbackInbox)
    .where(eq(callbackInbox.agencyId, agencyId))
    .orderBy(desc(callbackInbox.receivedAt))
    .limit(limit);
}

export async function countUnattributedCallbacks(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(callbackInbox)
    .where(and(isNull(callbackInbox.agencyId), inArray(callbackInbox.outcome, ['unmatched', 'invalid', 'refuted', 'dead'])));
  return row?.n ?? 0;
}

/** Pushes a person must look at: mismatched callbacks, pushes unresolved past their deadline. */
export async function listPushesNeedingReview(db: DbOrTx, { agencyId }: { agencyId: string }) {
  return db
    .select()
    .from(mpesaTransactions)
    .where(and(eq(mpesaTransactions.agencyId, agencyId), eq(mpesaTransactions.needsReview, true)))
    .orderBy(desc(mpesaTransactions.createdAt))
    .limit(50);
}

/**
 * Receipts a person must look at: refuted by M-Pesa (a forged or mistaken claim), proven but with nowhere to go
 * (unknown account), credited with a doubt, or unprovable because Transaction Status kept failing.
 */
export async function listReceiptsNeedingAttention(db: DbOrTx, { agencyId, limit = 50 }: { agencyId: string; limit?: number }) {
  return db
    .select()
    .from(mpesaReceiptChecks)
    .where(
      and(
        eq(mpesaReceiptChecks.agencyId, agencyId),
        or(inArray(mpesaReceiptChecks.resolution, ['unmatched', 'refuted', 'review']), inArray(mpesaReceiptChecks.status, ['NOT_FOUND', 'UNRESOLVED'])),
      ),
    )
    .orderBy(desc(mpesaReceiptChecks.createdAt))
    .limit(limit);
}
