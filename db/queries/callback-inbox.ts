import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { callbackInbox } from '../schema';

export type InboxRow = typeof callbackInbox.$inferSelect;
export type InboxOutcome = 'applied' | 'duplicate' | 'waiting' | 'unmatched' | 'mismatch' | 'invalid' | 'error';

export async function insertInboxRow(
  db: DbOrTx,
  row: { kind: string; path: string; headers: Record<string, string>; sourceAddress: string | null; body: string },
): Promise<InboxRow> {
  const [inserted] = await db.insert(callbackInbox).values(row).returning();
  if (!inserted) throw new Error('callback inbox insert returned nothing');
  return inserted;
}

export async function getInboxRow(db: DbOrTx, { id }: { id: string }): Promise<InboxRow | null> {
  const [row] = await db.select().from(callbackInbox).where(eq(callbackInbox.id, id)).limit(1);
  return row ?? null;
}

/**
 * Records how processing went. `waiting` leaves processed_at empty so the sweep tries again once the request
 * the callback answers has been stored.
 */
export async function markInboxRow(
  db: DbOrTx,
  { id, outcome, correlationId, error }: { id: string; outcome: InboxOutcome; correlationId?: string | null; error?: string | null },
): Promise<void> {
  const finished = outcome !== 'waiting' && outcome !== 'error';
  await db
    .update(callbackInbox)
    .set({
      outcome,
      error: error ?? null,
      ...(correlationId ? { correlationId } : {}),
      processedAt: finished ? new Date() : null,
    })
    .where(eq(callbackInbox.id, id));
}

/** Rows not yet applied (waiting for their request, or failed on a transient error), oldest first. */
export async function listUnfinishedInboxRows(db: DbOrTx, { olderThan, limit = 50 }: { olderThan: Date; limit?: number }) {
  return db
    .select()
    .from(callbackInbox)
    .where(and(isNull(callbackInbox.processedAt), lt(callbackInbox.receivedAt, olderThan), or(isNull(callbackInbox.outcome), eq(callbackInbox.outcome, 'waiting'), eq(callbackInbox.outcome, 'error'))))
    .orderBy(asc(callbackInbox.receivedAt))
    .limit(limit);
}

export async function listWaitingForCorrelation(db: DbOrTx, { correlationId }: { correlationId: string }) {
  return db.select().from(callbackInbox).where(and(eq(callbackInbox.correlationId, correlationId), isNull(callbackInbox.processedAt)));
}
