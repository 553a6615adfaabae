import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { callbackInbox } from '../schema';

/**
 * An admin's replay of a dead-lettered callback. Kept apart from callback-inbox.ts's claim functions: replay only
 * puts the row back where a fresh row stands (unfinished, no outcome, no claim, no attempts or failures), and the
 * normal inbox path (a claim, then the processor of its kind) takes it from there. Like a fresh row it is left to
 * the request that replays it for a few seconds before the sweep may take it, so that request can tell the admin
 * how processing ended; if the request dies, the sweep processes it.
 */

/** How long a replayed row is left to the request that replayed it before the inbox workers may claim it. */
const REPLAY_HOLD_SECONDS = 5;

/** A callback of the agency (or one no agency could be told for: those are shown to every admin), or null. */
export async function getReplayableInboxRow(db: DbOrTx, { id, agencyId }: { id: string; agencyId: string }) {
  const [row] = await db
    .select({ id: callbackInbox.id, kind: callbackInbox.kind, outcome: callbackInbox.outcome, agencyId: callbackInbox.agencyId, body: callbackInbox.body, error: callbackInbox.error })
    .from(callbackInbox)
    .where(and(eq(callbackInbox.id, id), or(eq(callbackInbox.agencyId, agencyId), isNull(callbackInbox.agencyId))))
    .limit(1);
  return row ?? null;
}

/**
 * Resets a dead-letter row so it is processed again from scratch; returns what it was (kind, last error, counts)
 * for the audit row, or null when the row is not dead-lettered (any more) or not the agency's. The `outcome =
 * 'dead'` condition makes two admins replaying at once reset it once.
 */
export async function resetDeadLetterRow(db: DbOrTx, { id, agencyId }: { id: string; agencyId: string }) {
  const before = db
    .select({ id: callbackInbox.id, error: callbackInbox.error, attempts: callbackInbox.attempts, failures: callbackInbox.failures })
    .from(callbackInbox)
    .where(eq(callbackInbox.id, id))
    .as('before');
  const [row] = await db
    .update(callbackInbox)
    .set({ outcome: null, error: null, processedAt: null, claimedAt: null, claimToken: null, attempts: 0, failures: 0, nextAttemptAt: sql`now() + make_interval(secs => ${REPLAY_HOLD_SECONDS})` })
    .from(before)
    .where(and(eq(callbackInbox.id, id), eq(before.id, callbackInbox.id), eq(callbackInbox.outcome, 'dead'), or(eq(callbackInbox.agencyId, agencyId), isNull(callbackInbox.agencyId))))
    .returning({ id: callbackInbox.id, kind: callbackInbox.kind, lastError: before.error, attempts: before.attempts, failures: before.failures });
  return row ?? null;
}
