import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { callbackInbox, mpesaTransactions } from '../schema';

/**
 * The raw M-Pesa event log for one agency: callbacks that belong to a request the agency made. Callbacks that
 * match nothing cannot be attributed to an agency, so they are counted, not shown.
 */
export async function listAgencyCallbacks(db: DbOrTx, { agencyId, limit = 50 }: { agencyId: string; limit?: number }) {
  const belongs = sql`${callbackInbox.correlationId} in (
    select checkout_request_id from mpesa_transactions where agency_id = ${agencyId} and checkout_request_id is not null
    union select conversation_id from mpesa_b2c_transactions where agency_id = ${agencyId} and conversation_id is not null
    union select originator_conversation_id from mpesa_b2c_transactions where agency_id = ${agencyId}
    union select conversation_id from mpesa_reversals where agency_id = ${agencyId} and conversation_id is not null
    union select conversation_id from mpesa_balance_checks where agency_id = ${agencyId} and conversation_id is not null)`;
  return db
    .select({
      id: callbackInbox.id, kind: callbackInbox.kind, receivedAt: callbackInbox.receivedAt, sourceAddress: callbackInbox.sourceAddress,
      outcome: callbackInbox.outcome, error: callbackInbox.error, correlationId: callbackInbox.correlationId, body: callbackInbox.body,
    })
    .from(callbackInbox)
    .where(belongs)
    .orderBy(desc(callbackInbox.receivedAt))
    .limit(limit);
}

export async function countUnattributedCallbacks(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(callbackInbox)
    .where(or(eq(callbackInbox.outcome, 'unmatched'), eq(callbackInbox.outcome, 'invalid')));
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
