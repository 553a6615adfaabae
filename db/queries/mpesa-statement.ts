import { and, desc, eq, gte, isNotNull, lte, or, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { mpesaReceiptChecks, mpesaStatementCursors, mpesaStatementRows, mpesaStatementRuns, payments } from '../schema';

/** The statement reconciler's state, runs and the rows M-Pesa listed. */

export type StatementCursorRow = typeof mpesaStatementCursors.$inferSelect;
export type StatementRunRow = typeof mpesaStatementRuns.$inferSelect;
export type StatementRow = typeof mpesaStatementRows.$inferSelect;

/**
 * Claims the right to reconcile a paybill for `leaseSeconds`: one instance at a time, and a claim held by an
 * instance that died expires by itself. Null when someone else holds it.
 */
export async function claimStatementCursor(
  db: DbOrTx,
  { shortcode, agencyId, leaseSeconds }: { shortcode: string; agencyId: string; leaseSeconds: number },
): Promise<StatementCursorRow | null> {
  await db.insert(mpesaStatementCursors).values({ shortcode, agencyId }).onConflictDoNothing();
  const [row] = await db
    .update(mpesaStatementCursors)
    .set({ runningUntil: sql`now() + make_interval(secs => ${leaseSeconds})`, lastRunAt: sql`now()` })
    .where(and(eq(mpesaStatementCursors.shortcode, shortcode), or(isNull(mpesaStatementCursors.runningUntil), lt(mpesaStatementCursors.runningUntil, sql`now()`))))
    .returning();
  return row ?? null;
}

/** Extends a claim the caller holds: a run that is alive keeps the paybill, one that died loses it soon. */
export async function renewStatementCursor(db: DbOrTx, { shortcode, leaseSeconds }: { shortcode: string; leaseSeconds: number }): Promise<void> {
  await db
    .update(mpesaStatementCursors)
    .set({ runningUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(and(eq(mpesaStatementCursors.shortcode, shortcode), isNotNull(mpesaStatementCursors.runningUntil)));
}

/** Runs of a paybill left unfinished by an instance that died: called by the run that took the claim over. */
export async function closeInterruptedStatementRuns(db: DbOrTx, { shortcode }: { shortcode: string }): Promise<number> {
  const rows = await db
    .update(mpesaStatementRuns)
    .set({ outcome: 'failed', error: 'Interrupted: the app stopped during this run; the next run read the window again', finishedAt: sql`now()` })
    .where(and(eq(mpesaStatementRuns.shortcode, shortcode), isNull(mpesaStatementRuns.finishedAt)))
    .returning({ id: mpesaStatementRuns.id });
  return rows.length;
}

export async function releaseStatementCursor(db: DbOrTx, { shortcode, coveredUntil }: { shortcode: string; coveredUntil: Date | null }): Promise<void> {
  await db
    .update(mpesaStatementCursors)
    .set({ runningUntil: null, ...(coveredUntil ? { coveredUntil } : {}) })
    .where(eq(mpesaStatementCursors.shortcode, shortcode));
}

export async function getStatementCursor(db: DbOrTx, { shortcode }: { shortcode: string }): Promise<StatementCursorRow | null> {
  const [row] = await db.select().from(mpesaStatementCursors).where(eq(mpesaStatementCursors.shortcode, shortcode)).limit(1);
  return row ?? null;
}

export async function recordPullRegistration(db: DbOrTx, { shortcode, agencyId, status }: { shortcode: string; agencyId: string; status: string }): Promise<void> {
  await db
    .insert(mpesaStatementCursors)
    .values({ shortcode, agencyId, registeredAt: new Date(), registrationStatus: status })
    .onConflictDoUpdate({ target: mpesaStatementCursors.shortcode, set: { registeredAt: new Date(), registrationStatus: status } });
}

export async function insertStatementRun(db: DbOrTx, row: typeof mpesaStatementRuns.$inferInsert): Promise<StatementRunRow> {
  const [inserted] = await db.insert(mpesaStatementRuns).values(row).returning();
  if (!inserted) throw new Error('statement run insert returned nothing');
  return inserted;
}

export async function finishStatementRun(db: DbOrTx, { id, set }: { id: string; set: Partial<typeof mpesaStatementRuns.$inferInsert> }): Promise<StatementRunRow | null> {
  const [row] = await db.update(mpesaStatementRuns).set({ ...set, finishedAt: new Date() }).where(eq(mpesaStatementRuns.id, id)).returning();
  return row ?? null;
}

export async function listStatementRuns(db: DbOrTx, { agencyId, limit = 20 }: { agencyId: string; limit?: number }) {
  return db.select().from(mpesaStatementRuns).where(eq(mpesaStatementRuns.agencyId, agencyId)).orderBy(desc(mpesaStatementRuns.startedAt)).limit(limit);
}

/** Stores a statement row the first time M-Pesa lists it; true when it was new. */
export async function insertStatementRow(db: DbOrTx, row: typeof mpesaStatementRows.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(mpesaStatementRows).values(row).onConflictDoNothing({ target: mpesaStatementRows.receipt }).returning({ receipt: mpesaStatementRows.receipt });
  return inserted.length > 0;
}

/**
 * How many payments into this paybill Haven holds in a window: credited with a receipt, or proven by Transaction
 * Status. A statement that says "no records" (1001) for a window with any of these is not telling the truth.
 */
export async function countKnownReceiptsInWindow(db: DbOrTx, { shortcode, agencyId, from, to }: { shortcode: string; agencyId: string; from: Date; to: Date }): Promise<number> {
  const [credited] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(payments)
    .where(and(eq(payments.agencyId, agencyId), isNotNull(payments.mpesaReceiptNumber), gte(payments.paidAt, from), lte(payments.paidAt, to)));
  const [proven] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mpesaReceiptChecks)
    .where(and(eq(mpesaReceiptChecks.shortcode, shortcode), eq(mpesaReceiptChecks.status, 'CONFIRMED'), gte(mpesaReceiptChecks.completedAt, from), lte(mpesaReceiptChecks.completedAt, to)));
  return Number(credited?.n ?? 0) + Number(proven?.n ?? 0);
}

export async function listStatementRowsBetween(db: DbOrTx, { agencyId, from, to }: { agencyId: string; from: Date; to: Date }): Promise<StatementRow[]> {
  return db
    .select()
    .from(mpesaStatementRows)
    .where(and(eq(mpesaStatementRows.agencyId, agencyId), gte(mpesaStatementRows.occurredAt, from), lt(mpesaStatementRows.occurredAt, to)))
    .orderBy(mpesaStatementRows.occurredAt);
}
