import { and, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { mpesaB2cTransactions, mpesaBalanceChecks, mpesaReversals } from '../schema';
import { isUuid } from '@/lib/validation/uuid';

/** Account Balance queries of an agency's paybill. Callers pass the agency from the session (invariant 6). */

export type BalanceCheckRow = typeof mpesaBalanceChecks.$inferSelect;
export type NewBalanceCheckRow = typeof mpesaBalanceChecks.$inferInsert;

export async function insertBalanceCheck(db: DbOrTx, row: NewBalanceCheckRow): Promise<BalanceCheckRow> {
  const [inserted] = await db.insert(mpesaBalanceChecks).values(row).returning();
  if (!inserted) throw new Error('balance check insert returned nothing');
  return inserted;
}

export async function getBalanceCheck(db: DbOrTx, { agencyId, checkId }: { agencyId: string; checkId: string }) {
  if (!isUuid(checkId)) return null;
  const [row] = await db.select().from(mpesaBalanceChecks).where(and(eq(mpesaBalanceChecks.id, checkId), eq(mpesaBalanceChecks.agencyId, agencyId))).limit(1);
  return row ?? null;
}

/** A check still waiting for its result, started after `since` (so a second Refresh joins it). */
export async function findRecentPendingCheck(db: DbOrTx, { agencyId, since }: { agencyId: string; since: Date }) {
  const [row] = await db
    .select()
    .from(mpesaBalanceChecks)
    .where(and(eq(mpesaBalanceChecks.agencyId, agencyId), inArray(mpesaBalanceChecks.status, ['QUEUED', 'PENDING']), gt(mpesaBalanceChecks.createdAt, since)))
    .orderBy(desc(mpesaBalanceChecks.createdAt))
    .limit(1);
  return row ?? null;
}

export async function getLatestSuccessfulCheck(db: DbOrTx, { agencyId }: { agencyId: string }) {
  const [row] = await db
    .select()
    .from(mpesaBalanceChecks)
    .where(and(eq(mpesaBalanceChecks.agencyId, agencyId), eq(mpesaBalanceChecks.status, 'SUCCESS')))
    .orderBy(desc(mpesaBalanceChecks.completedAt))
    .limit(1);
  return row ?? null;
}

export async function getLatestCheck(db: DbOrTx, { agencyId }: { agencyId: string }) {
  const [row] = await db.select().from(mpesaBalanceChecks).where(eq(mpesaBalanceChecks.agencyId, agencyId)).orderBy(desc(mpesaBalanceChecks.createdAt)).limit(1);
  return row ?? null;
}

export async function listBalanceChecks(db: DbOrTx, { agencyId, limit = 30 }: { agencyId: string; limit?: number }) {
  return db.select().from(mpesaBalanceChecks).where(eq(mpesaBalanceChecks.agencyId, agencyId)).orderBy(desc(mpesaBalanceChecks.createdAt)).limit(limit);
}

export async function setBalanceCheckConversation(
  db: DbOrTx,
  { checkId, conversationId, originatorConversationId }: { checkId: string; conversationId: string; originatorConversationId: string },
) {
  await db.update(mpesaBalanceChecks).set({ conversationId, originatorConversationId }).where(eq(mpesaBalanceChecks.id, checkId));
}

export async function findBalanceCheckByConversation(
  db: DbOrTx,
  { conversationId, originatorConversationId }: { conversationId?: string | null; originatorConversationId?: string | null },
) {
  const conditions = [
    conversationId ? eq(mpesaBalanceChecks.conversationId, conversationId) : undefined,
    originatorConversationId ? eq(mpesaBalanceChecks.originatorConversationId, originatorConversationId) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return null;
  const [row] = await db.select().from(mpesaBalanceChecks).where(or(...conditions)).limit(1);
  return row ?? null;
}

/** Finishes a pending check once; returns null when it was already finished (a duplicate result). */
export async function completeBalanceCheck(
  db: DbOrTx,
  { checkId, set }: { checkId: string; set: Partial<NewBalanceCheckRow> & { status: BalanceCheckRow['status'] } },
) {
  const [row] = await db
    .update(mpesaBalanceChecks)
    .set({ ...set, completedAt: new Date() })
    .where(and(eq(mpesaBalanceChecks.id, checkId), inArray(mpesaBalanceChecks.status, ['QUEUED', 'PENDING'])))
    .returning();
  return row ?? null;
}

/** Pending checks nobody answered: a balance query is harmless to repeat, so they are just closed as UNKNOWN. */
export async function expirePendingChecks(db: DbOrTx, { createdBefore }: { createdBefore: Date }) {
  return db
    .update(mpesaBalanceChecks)
    .set({ status: 'UNKNOWN', resultDescription: 'M-Pesa did not answer the balance query', completedAt: new Date() })
    .where(and(inArray(mpesaBalanceChecks.status, ['QUEUED', 'PENDING']), lt(mpesaBalanceChecks.createdAt, createdBefore)))
    .returning({ id: mpesaBalanceChecks.id, agencyId: mpesaBalanceChecks.agencyId });
}

export async function transitionBalanceCheck(
  db: DbOrTx,
  { checkId, from, to, set = {} }: { checkId: string; from: BalanceCheckRow['status'][]; to: BalanceCheckRow['status']; set?: Partial<NewBalanceCheckRow> },
): Promise<BalanceCheckRow | null> {
  const [row] = await db
    .update(mpesaBalanceChecks)
    .set({ ...set, status: to })
    .where(and(eq(mpesaBalanceChecks.id, checkId), inArray(mpesaBalanceChecks.status, from)))
    .returning();
  return row ?? null;
}

export async function getBalanceCheckById(db: DbOrTx, { checkId }: { checkId: string }): Promise<BalanceCheckRow | null> {
  const [row] = await db.select().from(mpesaBalanceChecks).where(eq(mpesaBalanceChecks.id, checkId)).limit(1);
  return row ?? null;
}

/**
 * When money last left the paybill for good (a payout or reversal settled as SUCCESS): a balance checked before
 * then is out of date, so the widget says so and looks again.
 */
export async function getLastMoneyOutAt(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<Date | null> {
  const last = (table: typeof mpesaB2cTransactions | typeof mpesaReversals) =>
    db
      .select({ at: sql`max(${table.completedAt})`.mapWith((v: unknown) => (typeof v === 'string' || v instanceof Date ? new Date(v) : null)) })
      .from(table)
      .where(and(eq(table.agencyId, agencyId), eq(table.status, 'SUCCESS')));
  const [[payout], [reversal]] = await Promise.all([last(mpesaB2cTransactions), last(mpesaReversals)]);
  const times = [payout?.at, reversal?.at].filter((t): t is Date => t instanceof Date);
  return times.length === 0 ? null : new Date(Math.max(...times.map((t) => t.getTime())));
}
