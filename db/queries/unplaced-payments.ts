import { and, desc, eq, gte, inArray, notExists, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import {
  callbackInbox,
  mpesaC2bConfirmations,
  mpesaReceiptChecks,
  mpesaStatementRows,
  unplacedPaymentActions,
  unplacedPayments,
  type UnplacedState,
} from '../schema';

/**
 * The unmatched queue's reads and writes. Every read and lock takes the agency (from the caller's session, never a
 * request field: invariant 6), so another agency's item is simply not found.
 */

export type UnplacedRow = typeof unplacedPayments.$inferSelect;
export type NewUnplacedRow = typeof unplacedPayments.$inferInsert;
export type UnplacedActionRow = typeof unplacedPaymentActions.$inferSelect;
export type NewUnplacedActionRow = typeof unplacedPaymentActions.$inferInsert;

/** Adds a receipt to the queue; a receipt already queued keeps its row (null). */
export async function insertUnplacedPayment(db: DbOrTx, row: NewUnplacedRow): Promise<UnplacedRow | null> {
  const [inserted] = await db.insert(unplacedPayments).values(row).onConflictDoNothing({ target: unplacedPayments.receipt }).returning();
  return inserted ?? null;
}

export async function lockUnplacedPaymentByReceipt(tx: Tx, { receipt }: { receipt: string }): Promise<UnplacedRow | null> {
  const [row] = await tx.select().from(unplacedPayments).where(eq(unplacedPayments.receipt, receipt)).limit(1).for('update');
  return row ?? null;
}

export async function getUnplacedPaymentForAgency(db: DbOrTx, { id, agencyId }: { id: string; agencyId: string }): Promise<UnplacedRow | null> {
  const [row] = await db.select().from(unplacedPayments).where(and(eq(unplacedPayments.id, id), eq(unplacedPayments.agencyId, agencyId))).limit(1);
  return row ?? null;
}

export async function lockUnplacedPaymentForAgency(tx: Tx, { id, agencyId }: { id: string; agencyId: string }): Promise<UnplacedRow | null> {
  const [row] = await tx.select().from(unplacedPayments).where(and(eq(unplacedPayments.id, id), eq(unplacedPayments.agencyId, agencyId))).limit(1).for('update');
  return row ?? null;
}

export async function updateUnplacedPayment(
  db: DbOrTx,
  { id, set }: { id: string; set: Partial<Pick<NewUnplacedRow, 'state' | 'reason' | 'paymentId' | 'payoutId' | 'source'>> },
): Promise<UnplacedRow | null> {
  const [row] = await db.update(unplacedPayments).set({ ...set, updatedAt: new Date() }).where(eq(unplacedPayments.id, id)).returning();
  return row ?? null;
}

/** Appends to the action log; an undo of an action already undone returns null (unique `undoes_id`). */
export async function insertUnplacedAction(db: DbOrTx, row: NewUnplacedActionRow): Promise<UnplacedActionRow | null> {
  const [inserted] = await db.insert(unplacedPaymentActions).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function setUnplacedActionPayout(db: DbOrTx, { id, payoutId }: { id: string; payoutId: string }): Promise<void> {
  await db.update(unplacedPaymentActions).set({ payoutId }).where(eq(unplacedPaymentActions.id, id));
}

const undoes = sql`"undo"."undoes_id"`;

/** The item's latest decision that is still in force: not an undo, and not undone by one. */
export async function findLiveUnplacedAction(db: DbOrTx, { itemId }: { itemId: string }): Promise<UnplacedActionRow | null> {
  const [row] = await db
    .select()
    .from(unplacedPaymentActions)
    .where(
      and(
        eq(unplacedPaymentActions.itemId, itemId),
        sql`${unplacedPaymentActions.action} <> 'undo'`,
        notExists(db.select({ one: sql`1` }).from(sql`unplaced_payment_actions "undo"`).where(sql`${undoes} = ${unplacedPaymentActions.id}`)),
      ),
    )
    .orderBy(desc(unplacedPaymentActions.createdAt))
    .limit(1);
  return row ?? null;
}

export async function listUnplacedActions(db: DbOrTx, { itemIds }: { itemIds: string[] }): Promise<UnplacedActionRow[]> {
  if (itemIds.length === 0) return [];
  return db.select().from(unplacedPaymentActions).where(inArray(unplacedPaymentActions.itemId, itemIds)).orderBy(desc(unplacedPaymentActions.createdAt));
}

const WAITING: UnplacedState[] = ['verifying', 'open', 'review'];

/** What needs a person first, then what people decided recently (so a decision can still be undone). */
export async function listUnplacedPayments(db: DbOrTx, { agencyId, decidedSince, limit = 100 }: { agencyId: string; decidedSince: Date; limit?: number }) {
  return db
    .select({
      item: unplacedPayments,
      check: mpesaReceiptChecks,
      confirmationRaw: mpesaC2bConfirmations.raw,
      confirmationAt: mpesaC2bConfirmations.transTime,
      statement: mpesaStatementRows,
    })
    .from(unplacedPayments)
    .leftJoin(mpesaReceiptChecks, eq(mpesaReceiptChecks.receipt, unplacedPayments.receipt))
    .leftJoin(mpesaC2bConfirmations, eq(mpesaC2bConfirmations.transId, unplacedPayments.receipt))
    .leftJoin(mpesaStatementRows, eq(mpesaStatementRows.receipt, unplacedPayments.receipt))
    .where(and(eq(unplacedPayments.agencyId, agencyId), or(inArray(unplacedPayments.state, WAITING), gte(unplacedPayments.updatedAt, decidedSince))))
    .orderBy(sql`case when ${unplacedPayments.state} in ('verifying', 'open', 'review') then 0 else 1 end`, desc(unplacedPayments.createdAt))
    .limit(limit);
}

export type UnplacedListRow = Awaited<ReturnType<typeof listUnplacedPayments>>[number];

/** The raw bodies of the callbacks that brought Transaction Status answers (the evidence an admin reads). */
export async function listInboxBodies(db: DbOrTx, { ids }: { ids: string[] }): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: callbackInbox.id, body: callbackInbox.body }).from(callbackInbox).where(inArray(callbackInbox.id, ids));
  return new Map(rows.map((r) => [r.id, r.body]));
}

/** Dead-lettered callbacks known to be this agency's: shown with their raw body, never applied by hand. */
export async function listAgencyDeadLetters(db: DbOrTx, { agencyId, limit = 50 }: { agencyId: string; limit?: number }) {
  return db
    .select({ id: callbackInbox.id, kind: callbackInbox.kind, body: callbackInbox.body, error: callbackInbox.error, receivedAt: callbackInbox.receivedAt, attempts: callbackInbox.attempts, correlationId: callbackInbox.correlationId })
    .from(callbackInbox)
    .where(and(eq(callbackInbox.outcome, 'dead'), eq(callbackInbox.agencyId, agencyId)))
    .orderBy(desc(callbackInbox.receivedAt))
    .limit(limit);
}
