import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { callbackInbox, leases, mpesaC2bConfirmations, mpesaReceiptChecks, mpesaTransactions, payments } from '../schema';

/**
 * The raw M-Pesa event log for one agency: callbacks whose processing attributed them to the agency (by the
 * request or paybill they concern). Callbacks that match nothing cannot be attributed, so they are counted, not shown.
 * Each comes with the lease and payment it concerns when its correlation id names a push or a paybill receipt.
 */
export async function listAgencyCallbacks(db: DbOrTx, { agencyId, limit = 50 }: { agencyId: string; limit?: number }) {
  return withLease(db, { agencyId, where: eq(callbackInbox.agencyId, agencyId), limit });
}

/** Dead-lettered callbacks of an agency (or attributable to none), newest first, with their lease when known. */
export async function listDeadLetterCallbacks(db: DbOrTx, { agencyId, limit = 50 }: { agencyId: string; limit?: number }) {
  return withLease(db, { agencyId, where: and(eq(callbackInbox.outcome, 'dead'), or(eq(callbackInbox.agencyId, agencyId), isNull(callbackInbox.agencyId)))!, limit });
}

export type LoggedCallback = Awaited<ReturnType<typeof listAgencyCallbacks>>[number];

// Only the agency's own leases are named: a callback no agency was told for shows no other agency's lease.
function withLease(db: DbOrTx, { agencyId, where, limit }: { agencyId: string; where: SQL; limit: number }) {
  return db
    .select({
      id: callbackInbox.id, kind: callbackInbox.kind, receivedAt: callbackInbox.receivedAt, sourceAddress: callbackInbox.sourceAddress,
      outcome: callbackInbox.outcome, error: callbackInbox.error, correlationId: callbackInbox.correlationId, body: callbackInbox.body,
      attempts: callbackInbox.attempts, leaseId: leases.id, accountReference: leases.accountReference, paymentId: payments.id,
    })
    .from(callbackInbox)
    .leftJoin(mpesaTransactions, eq(mpesaTransactions.checkoutRequestId, callbackInbox.correlationId))
    .leftJoin(mpesaC2bConfirmations, eq(mpesaC2bConfirmations.transId, callbackInbox.correlationId))
    .leftJoin(leases, and(eq(leases.id, sql`coalesce(${mpesaTransactions.leaseId}, ${mpesaC2bConfirmations.leaseId})`), eq(leases.agencyId, agencyId)))
    .leftJoin(payments, and(eq(payments.leaseId, leases.id), or(eq(payments.mpesaTransactionId, mpesaTransactions.id), eq(payments.mpesaReceiptNumber, mpesaC2bConfirmations.transId))))
    .where(where)
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
