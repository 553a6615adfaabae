import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { callbackInbox, type InboxKind, type InboxOutcome } from '../schema';

export type { InboxKind, InboxOutcome };
export type InboxRow = typeof callbackInbox.$inferSelect;
/** A row this worker holds: finishing it needs the claim token, so a worker whose claim was taken over cannot. */
export type ClaimedInboxRow = InboxRow & { claimToken: string };

/**
 * How long a claim protects a row. Longer than any processing can take (a Daraja call times out after 15 s and is
 * retried at most a few times), so a row being processed is never picked up again; a claim this old belongs to a
 * worker that died, and the row is taken over.
 */
export const INBOX_CLAIM_SECONDS = 300;
/** After this many failed attempts a row is dead-lettered for a person (and replayable). */
export const INBOX_MAX_FAILURES = 8;

export interface NewInboxRow {
  /** Chosen by the caller when several rows are stored in one statement, so each caller finds its own. */
  id?: string;
  kind: InboxKind;
  path: string;
  headers: Record<string, string>;
  sourceAddress: string | null;
  body: string;
  /** When the workers may take it; now unless the request that stored it answers it itself (paybill validation). */
  nextAttemptAt?: Date;
  /** Stored already claimed with this token, by the request that answers it itself: no separate claim statement. */
  claimToken?: string;
}

/** The fields of a claimed row that finishing it reads (a row claimed as it was stored has nothing else at hand). */
export type InboxClaim = Pick<ClaimedInboxRow, 'id' | 'claimToken' | 'attempts' | 'failures'>;

const asStored = ({ claimToken, ...row }: NewInboxRow) =>
  claimToken ? { ...row, claimToken, claimedAt: sql`now()`, firstClaimedAt: sql`now()`, attempts: 1 } : row;

/** Stores a callback, due at once: the inbox workers are woken by intake, and poll besides. */
export async function insertInboxRow(db: DbOrTx, row: NewInboxRow): Promise<InboxRow> {
  const [inserted] = await db.insert(callbackInbox).values(asStored(row)).returning();
  if (!inserted) throw new Error('callback inbox insert returned nothing');
  return inserted;
}

/**
 * Stores several callbacks in one statement (one commit for a burst that arrived together). Returns only the ids:
 * intake answers "Accepted" from them and needs nothing else back.
 */
export async function insertInboxRows(db: DbOrTx, rows: (NewInboxRow & { id: string })[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(callbackInbox).values(rows.map(asStored)).returning({ id: callbackInbox.id }).prepare('callback_inbox_insert_rows').execute();
  return inserted.map((r) => r.id);
}

export async function getInboxRow(db: DbOrTx, { id }: { id: string }): Promise<InboxRow | null> {
  const [row] = await db.select().from(callbackInbox).where(eq(callbackInbox.id, id)).limit(1);
  return row ?? null;
}

const claimable = () =>
  and(
    isNull(callbackInbox.processedAt),
    or(isNull(callbackInbox.claimedAt), lte(callbackInbox.claimedAt, sql`now() - make_interval(secs => ${INBOX_CLAIM_SECONDS})`)),
  );

const claimSet = (token: string) => ({
  claimedAt: sql`now()`,
  firstClaimedAt: sql`coalesce(${callbackInbox.firstClaimedAt}, now())`,
  claimToken: token,
  attempts: sql`${callbackInbox.attempts} + 1`,
});

/** Claims one unfinished row for this worker (the request that stored it, or initiation); null if taken or done. */
export async function claimInboxRow(db: DbOrTx, { id }: { id: string }): Promise<ClaimedInboxRow | null> {
  const token = randomUUID();
  const [row] = await db.update(callbackInbox).set(claimSet(token)).where(and(eq(callbackInbox.id, id), claimable())).returning().prepare('callback_inbox_claim_one').execute();
  return row ? { ...row, claimToken: token } : null;
}

// The statements every callback runs are prepared (`.prepare()`): postgres.js then parses and plans each once per
// connection instead of once per callback. Their text is the same for every call, so the prepared plan is reused.

/**
 * Claims up to `limit` rows that are due, oldest first. `FOR UPDATE SKIP LOCKED` lets several instances claim at
 * once without waiting on or repeating each other; the claim stamp keeps them off the rows until finished.
 */
export async function claimDueInboxRows(db: DbOrTx, { limit = 50 }: { limit?: number } = {}): Promise<ClaimedInboxRow[]> {
  const token = randomUUID();
  const due = db
    .select({ id: callbackInbox.id })
    .from(callbackInbox)
    .where(and(claimable(), lte(callbackInbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(callbackInbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  const rows = await db.update(callbackInbox).set(claimSet(token)).where(inArray(callbackInbox.id, due)).returning().prepare('callback_inbox_claim_due').execute();
  return rows.map((r) => ({ ...r, claimToken: token })).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

/** Back-off before the next try: quick for a callback waiting for its request, exponential for failures. */
export function retryDelaySeconds({ outcome, attempts, failures }: { outcome: 'waiting' | 'error'; attempts: number; failures: number }): number {
  if (outcome === 'waiting') return Math.min(30, 2 * Math.max(1, attempts));
  return Math.min(600, 2 ** Math.min(failures, 10) * 5);
}

/**
 * Records how processing ended and releases the claim. `waiting` and `error` leave the row unfinished and due
 * again after a back-off; an error that makes INBOX_MAX_FAILURES becomes `dead`. Returns false when this worker's
 * claim was taken over (it then changes nothing: the other worker's answer stands).
 */
export async function finishInboxRow(
  db: DbOrTx,
  {
    row,
    outcome,
    correlationId,
    error,
    agencyId,
  }: { row: InboxClaim; outcome: InboxOutcome; correlationId?: string | null; error?: string | null; agencyId?: string | null },
): Promise<boolean> {
  const failures = outcome === 'error' ? row.failures + 1 : row.failures;
  const final = outcome === 'error' ? failures >= INBOX_MAX_FAILURES : outcome !== 'waiting';
  const recorded: InboxOutcome = outcome === 'error' && final ? 'dead' : outcome;
  const delay = final ? 0 : retryDelaySeconds({ outcome: outcome === 'waiting' ? 'waiting' : 'error', attempts: row.attempts, failures });
  const updated = await db
    .update(callbackInbox)
    .set({
      outcome: recorded,
      error: error ?? null,
      failures,
      claimedAt: null,
      claimToken: null,
      processedAt: final ? sql`now()` : null,
      nextAttemptAt: sql`now() + make_interval(secs => ${delay})`,
      ...(correlationId ? { correlationId } : {}),
      ...(agencyId ? { agencyId } : {}),
    })
    .where(and(eq(callbackInbox.id, row.id), eq(callbackInbox.claimToken, row.claimToken)))
    .returning({ id: callbackInbox.id })
    .prepare('callback_inbox_finish')
    .execute();
  return updated.length > 0;
}

/** Rows whose request was stored after they arrived: initiation applies them at once instead of waiting for the sweep. */
export async function listWaitingForCorrelation(db: DbOrTx, { correlationId }: { correlationId: string }) {
  return db.select({ id: callbackInbox.id }).from(callbackInbox).where(and(eq(callbackInbox.correlationId, correlationId), isNull(callbackInbox.processedAt)));
}

/** Labels a row with the id it answers as soon as it is read, so the request that stores that id finds it. */
export async function setInboxCorrelation(db: DbOrTx, { id, correlationId }: { id: string; correlationId: string }): Promise<void> {
  await db.update(callbackInbox).set({ correlationId }).where(eq(callbackInbox.id, id));
}

/** Dead-lettered callbacks of an agency (or not attributable to any), newest first: they wait for a person. */
export async function listDeadLetterRows(db: DbOrTx, { agencyId, limit = 50 }: { agencyId: string; limit?: number }) {
  return db
    .select()
    .from(callbackInbox)
    .where(and(eq(callbackInbox.outcome, 'dead'), or(eq(callbackInbox.agencyId, agencyId), isNull(callbackInbox.agencyId))))
    .orderBy(desc(callbackInbox.receivedAt))
    .limit(limit);
}

/** Puts a dead-lettered row back in the queue (an admin's replay): failures reset, due now. */
export async function requeueDeadLetterRow(db: DbOrTx, { id }: { id: string }): Promise<InboxRow | null> {
  const [row] = await db
    .update(callbackInbox)
    .set({ outcome: null, error: null, failures: 0, processedAt: null, claimedAt: null, claimToken: null, nextAttemptAt: sql`now()` })
    .where(and(eq(callbackInbox.id, id), eq(callbackInbox.outcome, 'dead')))
    .returning();
  return row ?? null;
}
