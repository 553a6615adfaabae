import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import type { DbOrTx, Tx } from '../client';
import { leases, mpesaB2cTransactions, properties, units, users, type PayoutStatus } from '../schema';
import { recordDepositRefund } from './ledger';
import { isUuid } from '@/lib/validation/uuid';

/**
 * Queries for B2C payouts. Reads are scoped by the caller (invariant 6): admins see the agency's payouts,
 * landlords those they requested or that touch leases of their properties, tenants none.
 */

export type PayoutRow = typeof mpesaB2cTransactions.$inferSelect;
export type NewPayoutRow = typeof mpesaB2cTransactions.$inferInsert;

/** Statuses in which money may still leave (or has left) for a payout: they count against the deposit held. */
export const OPEN_PAYOUT_STATUSES: PayoutStatus[] = ['AWAITING_APPROVAL', 'QUEUED', 'PENDING', 'UNKNOWN'];

const requester = alias(users, 'requester');
const approver = alias(users, 'approver');

function payoutScope(caller: Caller) {
  switch (caller.role) {
    case 'admin':
      return eq(mpesaB2cTransactions.agencyId, caller.agencyId);
    case 'landlord':
      return and(
        eq(mpesaB2cTransactions.agencyId, caller.agencyId),
        or(eq(mpesaB2cTransactions.requestedBy, caller.id), eq(properties.landlordId, caller.id)),
      )!;
    case 'tenant':
      return sql`false`;
  }
}

function scopedPayouts(db: DbOrTx) {
  return db
    .select({
      payout: mpesaB2cTransactions,
      requesterName: requester.name,
      approverName: approver.name,
      propertyName: properties.name,
      unitLabel: units.label,
    })
    .from(mpesaB2cTransactions)
    .innerJoin(requester, eq(requester.id, mpesaB2cTransactions.requestedBy))
    .leftJoin(approver, eq(approver.id, mpesaB2cTransactions.approvedBy))
    .leftJoin(leases, eq(leases.id, mpesaB2cTransactions.leaseId))
    .leftJoin(units, eq(units.id, leases.unitId))
    .leftJoin(properties, eq(properties.id, units.propertyId));
}

export type PayoutListItem = Awaited<ReturnType<typeof listPayoutsForCaller>>[number];

export async function listPayoutsForCaller(db: DbOrTx, { caller, limit = 50 }: { caller: Caller; limit?: number }) {
  return scopedPayouts(db).where(payoutScope(caller)).orderBy(desc(mpesaB2cTransactions.createdAt)).limit(limit);
}

export async function getPayoutForCaller(db: DbOrTx, { caller, payoutId }: { caller: Caller; payoutId: string }) {
  if (!isUuid(payoutId)) return null;
  const [row] = await scopedPayouts(db).where(and(eq(mpesaB2cTransactions.id, payoutId), payoutScope(caller))).limit(1);
  return row ?? null;
}

export async function getPayoutById(db: DbOrTx, { payoutId }: { payoutId: string }): Promise<PayoutRow | null> {
  const [row] = await db.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.id, payoutId)).limit(1);
  return row ?? null;
}

export async function findPayoutByIdempotencyKey(db: DbOrTx, { requestedBy, idempotencyKey }: { requestedBy: string; idempotencyKey: string }) {
  const [row] = await db
    .select()
    .from(mpesaB2cTransactions)
    .where(and(eq(mpesaB2cTransactions.requestedBy, requestedBy), eq(mpesaB2cTransactions.idempotencyKey, idempotencyKey)))
    .limit(1);
  return row ?? null;
}

/** Inserts a payout; a repeated (requester, idempotency key) inserts nothing and returns null. */
export async function insertPayout(db: DbOrTx, row: NewPayoutRow): Promise<PayoutRow | null> {
  const [inserted] = await db.insert(mpesaB2cTransactions).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** What open payouts already promise out of a lease's deposit (so two requests cannot both take it). */
export async function sumOpenLeasePayouts(db: DbOrTx, { leaseId }: { leaseId: string }): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | null>`sum(${mpesaB2cTransactions.amountCents})` })
    .from(mpesaB2cTransactions)
    .where(and(eq(mpesaB2cTransactions.leaseId, leaseId), inArray(mpesaB2cTransactions.status, OPEN_PAYOUT_STATUSES)));
  return Number(row?.total ?? 0);
}

/**
 * Moves a payout from `from` to `to` only if it is still in `from`, returning the row when this caller won.
 * Two workers (or a double click) can never both get the row back, so a payout is sent at most once.
 */
export async function transitionPayout(
  db: DbOrTx,
  { payoutId, from, to, set = {} }: { payoutId: string; from: PayoutStatus[]; to: PayoutStatus; set?: Partial<NewPayoutRow> },
): Promise<PayoutRow | null> {
  const [row] = await db
    .update(mpesaB2cTransactions)
    .set({ ...set, status: to, updatedAt: new Date() })
    .where(and(eq(mpesaB2cTransactions.id, payoutId), inArray(mpesaB2cTransactions.status, from)))
    .returning();
  return row ?? null;
}

export async function setPayoutConversation(db: DbOrTx, { payoutId, conversationId }: { payoutId: string; conversationId: string }) {
  await db
    .update(mpesaB2cTransactions)
    .set({ conversationId, updatedAt: new Date() })
    .where(and(eq(mpesaB2cTransactions.id, payoutId), isNull(mpesaB2cTransactions.conversationId)));
}

export async function findPayoutByConversation(
  db: DbOrTx,
  { originatorConversationId, conversationId }: { originatorConversationId?: string | null; conversationId?: string | null },
): Promise<PayoutRow | null> {
  const conditions = [
    originatorConversationId ? eq(mpesaB2cTransactions.originatorConversationId, originatorConversationId) : undefined,
    conversationId ? eq(mpesaB2cTransactions.conversationId, conversationId) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return null;
  const [row] = await db.select().from(mpesaB2cTransactions).where(or(...conditions)).limit(1);
  return row ?? null;
}

/**
 * Claims payouts whose result is overdue for a Transaction Status query: sent before `sentBefore` and not
 * queried since `queriedBefore`. SKIP LOCKED plus stamping last_queried_at means two instances never query one
 * payout at the same time.
 */
export async function claimOverduePayouts(db: DbOrTx, { sentBefore, queriedBefore, limit = 10 }: { sentBefore: Date; queriedBefore: Date; limit?: number }) {
  const due = db
    .select({ id: mpesaB2cTransactions.id })
    .from(mpesaB2cTransactions)
    .where(
      and(
        inArray(mpesaB2cTransactions.status, ['PENDING', 'UNKNOWN']),
        lt(mpesaB2cTransactions.sentAt, sentBefore),
        or(isNull(mpesaB2cTransactions.lastQueriedAt), lt(mpesaB2cTransactions.lastQueriedAt, queriedBefore)),
      ),
    )
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(mpesaB2cTransactions)
    .set({ lastQueriedAt: new Date() })
    .where(inArray(mpesaB2cTransactions.id, due))
    .returning();
}

/** Payouts recorded but never claimed for sending (the process stopped in between). */
export async function listStaleQueuedPayouts(db: DbOrTx, { createdBefore, limit = 10 }: { createdBefore: Date; limit?: number }) {
  return db
    .select({ id: mpesaB2cTransactions.id })
    .from(mpesaB2cTransactions)
    .where(and(eq(mpesaB2cTransactions.status, 'QUEUED'), lt(mpesaB2cTransactions.updatedAt, createdBefore)))
    .limit(limit);
}

/** The deposit-refund entry of a successful lease payout, written by the ledger (once per payout). */
export async function insertDepositRefund(tx: Tx, { payout, description }: { payout: PayoutRow; description: string }): Promise<boolean> {
  return recordDepositRefund(tx, { payout, description });
}

/** Locks a payout for the rest of the transaction: every settlement step of one payout runs one after the other. */
export async function lockPayout(tx: DbOrTx, { payoutId }: { payoutId: string }): Promise<PayoutRow | null> {
  const [row] = await tx.select().from(mpesaB2cTransactions).where(eq(mpesaB2cTransactions.id, payoutId)).limit(1).for('update');
  return row ?? null;
}

export async function updatePayout(db: DbOrTx, { payoutId, set }: { payoutId: string; set: Partial<NewPayoutRow> }): Promise<PayoutRow | null> {
  const [row] = await db.update(mpesaB2cTransactions).set({ ...set, updatedAt: new Date() }).where(eq(mpesaB2cTransactions.id, payoutId)).returning();
  return row ?? null;
}
