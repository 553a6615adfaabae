import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { mpesaStatusQueries, type StatusQueryStatus, type StatusQueryTarget } from '../schema';

/** Transaction Status queries we sent, each correlated with its result by its own ids (SPEC §8.1). */

export type StatusQueryRow = typeof mpesaStatusQueries.$inferSelect;
export type NewStatusQueryRow = typeof mpesaStatusQueries.$inferInsert;

export async function insertStatusQuery(db: DbOrTx, row: NewStatusQueryRow): Promise<StatusQueryRow> {
  const [inserted] = await db.insert(mpesaStatusQueries).values(row).returning();
  if (!inserted) throw new Error('status query insert returned nothing');
  return inserted;
}

export async function getStatusQuery(db: DbOrTx, { id }: { id: string }): Promise<StatusQueryRow | null> {
  const [row] = await db.select().from(mpesaStatusQueries).where(eq(mpesaStatusQueries.id, id)).limit(1);
  return row ?? null;
}

export async function transitionStatusQuery(
  db: DbOrTx,
  { id, from, to, set = {} }: { id: string; from: StatusQueryStatus[]; to: StatusQueryStatus; set?: Partial<NewStatusQueryRow> },
): Promise<StatusQueryRow | null> {
  const [row] = await db
    .update(mpesaStatusQueries)
    .set({ ...set, status: to })
    .where(and(eq(mpesaStatusQueries.id, id), inArray(mpesaStatusQueries.status, from)))
    .returning();
  return row ?? null;
}

/** The query a result answers: by the ids of the query's own acknowledgement first; Occasion is only a fallback. */
export async function findStatusQueryByConversation(
  db: DbOrTx,
  { conversationId, originatorConversationId }: { conversationId?: string | null; originatorConversationId?: string | null },
): Promise<StatusQueryRow | null> {
  const conditions = [
    conversationId ? eq(mpesaStatusQueries.conversationId, conversationId) : undefined,
    originatorConversationId ? eq(mpesaStatusQueries.originatorConversationId, originatorConversationId) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return null;
  const [row] = await db.select().from(mpesaStatusQueries).where(or(...conditions)).limit(1);
  return row ?? null;
}

/** The newest query sent about a target that has not been answered yet (to attribute an Occasion-only result). */
export async function findOpenStatusQueryForTarget(
  db: DbOrTx,
  { targetKind, targetId }: { targetKind: StatusQueryTarget; targetId: string },
): Promise<StatusQueryRow | null> {
  const [row] = await db
    .select()
    .from(mpesaStatusQueries)
    .where(and(eq(mpesaStatusQueries.targetKind, targetKind), eq(mpesaStatusQueries.targetId, targetId), inArray(mpesaStatusQueries.status, ['QUEUED', 'PENDING', 'UNKNOWN'])))
    .orderBy(desc(mpesaStatusQueries.createdAt))
    .limit(1);
  return row ?? null;
}

export async function countStatusQueries(db: DbOrTx, { targetKind, targetId }: { targetKind: StatusQueryTarget; targetId: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mpesaStatusQueries)
    .where(and(eq(mpesaStatusQueries.targetKind, targetKind), eq(mpesaStatusQueries.targetId, targetId)));
  return Number(row?.n ?? 0);
}
