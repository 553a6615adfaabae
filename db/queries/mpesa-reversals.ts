import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Caller } from '@/lib/auth/caller';
import type { DbOrTx } from '../client';
import { leases, mpesaReversals, payments, properties, units, users, type PayoutStatus } from '../schema';
import { leaseScope } from './scope';
import { isUuid } from '@/lib/validation/uuid';

/** Queries for reversals of M-Pesa payments, scoped like the payments they reverse (invariant 6). */

export type ReversalRow = typeof mpesaReversals.$inferSelect;
export type NewReversalRow = typeof mpesaReversals.$inferInsert;

const tenant = alias(users, 'tenant');
const requester = alias(users, 'requester');

/** A payment the caller may see, with what the reversal form shows. Null when missing or out of scope. */
export async function getPaymentForCaller(db: DbOrTx, { caller, paymentId }: { caller: Caller; paymentId: string }) {
  if (!isUuid(paymentId)) return null;
  const [row] = await paymentQuery(db).where(and(eq(payments.id, paymentId), leaseScope(caller))).limit(1);
  return row ?? null;
}

export async function getPaymentByReceiptForCaller(db: DbOrTx, { caller, receipt }: { caller: Caller; receipt: string }) {
  const [row] = await paymentQuery(db).where(and(eq(payments.mpesaReceiptNumber, receipt), leaseScope(caller))).limit(1);
  return row ?? null;
}

function paymentQuery(db: DbOrTx) {
  return db
    .select({
      id: payments.id,
      agencyId: payments.agencyId,
      leaseId: payments.leaseId,
      amountCents: payments.amountCents,
      method: payments.method,
      receipt: payments.mpesaReceiptNumber,
      payerPhone: payments.payerPhone,
      paidAt: payments.paidAt,
      status: payments.status,
      reversedAt: payments.reversedAt,
      tenantName: tenant.name,
      tenantPhone: tenant.phone,
      propertyName: properties.name,
      unitLabel: units.label,
      landlordId: properties.landlordId,
    })
    .from(payments)
    .innerJoin(leases, eq(leases.id, payments.leaseId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .innerJoin(tenant, eq(tenant.id, leases.tenantId));
}

export type ReversiblePayment = NonNullable<Awaited<ReturnType<typeof getPaymentForCaller>>>;

function reversalScope(caller: Caller) {
  switch (caller.role) {
    case 'admin':
      return eq(mpesaReversals.agencyId, caller.agencyId);
    case 'landlord':
      return and(eq(mpesaReversals.agencyId, caller.agencyId), or(eq(mpesaReversals.requestedBy, caller.id), eq(properties.landlordId, caller.id)))!;
    case 'tenant':
      return sql`false`;
  }
}

function scopedReversals(db: DbOrTx) {
  return db
    .select({ reversal: mpesaReversals, requesterName: requester.name, tenantName: tenant.name, propertyName: properties.name, unitLabel: units.label })
    .from(mpesaReversals)
    .innerJoin(requester, eq(requester.id, mpesaReversals.requestedBy))
    .leftJoin(payments, eq(payments.id, mpesaReversals.paymentId))
    .leftJoin(leases, eq(leases.id, payments.leaseId))
    .leftJoin(units, eq(units.id, leases.unitId))
    .leftJoin(properties, eq(properties.id, units.propertyId))
    .leftJoin(tenant, eq(tenant.id, leases.tenantId));
}

export type ReversalListItem = Awaited<ReturnType<typeof listReversalsForCaller>>[number];

export async function listReversalsForCaller(db: DbOrTx, { caller, limit = 50 }: { caller: Caller; limit?: number }) {
  return scopedReversals(db).where(reversalScope(caller)).orderBy(desc(mpesaReversals.createdAt)).limit(limit);
}

export async function getReversalForCaller(db: DbOrTx, { caller, reversalId }: { caller: Caller; reversalId: string }) {
  if (!isUuid(reversalId)) return null;
  const [row] = await scopedReversals(db).where(and(eq(mpesaReversals.id, reversalId), reversalScope(caller))).limit(1);
  return row ?? null;
}

export async function getReversalById(db: DbOrTx, { reversalId }: { reversalId: string }): Promise<ReversalRow | null> {
  const [row] = await db.select().from(mpesaReversals).where(eq(mpesaReversals.id, reversalId)).limit(1);
  return row ?? null;
}

/** The open or successful reversal of a receipt, if any (at most one, by the partial unique index). */
export async function findLiveReversal(db: DbOrTx, { receipt }: { receipt: string }): Promise<ReversalRow | null> {
  const [row] = await db
    .select()
    .from(mpesaReversals)
    .where(and(eq(mpesaReversals.originalTransactionId, receipt), sql`${mpesaReversals.status} not in ('FAILED', 'REJECTED')`))
    .limit(1);
  return row ?? null;
}

/** Inserts a reversal; a second live reversal of the same receipt violates the partial unique index → null. */
export async function insertReversal(db: DbOrTx, row: NewReversalRow): Promise<ReversalRow | null> {
  const [inserted] = await db.insert(mpesaReversals).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function transitionReversal(
  db: DbOrTx,
  { reversalId, from, to, set = {} }: { reversalId: string; from: PayoutStatus[]; to: PayoutStatus; set?: Partial<NewReversalRow> },
): Promise<ReversalRow | null> {
  const [row] = await db
    .update(mpesaReversals)
    .set({ ...set, status: to, updatedAt: new Date() })
    .where(and(eq(mpesaReversals.id, reversalId), inArray(mpesaReversals.status, from)))
    .returning();
  return row ?? null;
}

export async function setReversalConversation(
  db: DbOrTx,
  { reversalId, conversationId, originatorConversationId }: { reversalId: string; conversationId: string; originatorConversationId: string },
) {
  await db
    .update(mpesaReversals)
    .set({ conversationId, originatorConversationId, updatedAt: new Date() })
    .where(and(eq(mpesaReversals.id, reversalId), isNull(mpesaReversals.conversationId)));
}

export async function findReversalByConversation(
  db: DbOrTx,
  { originatorConversationId, conversationId }: { originatorConversationId?: string | null; conversationId?: string | null },
): Promise<ReversalRow | null> {
  const conditions = [
    conversationId ? eq(mpesaReversals.conversationId, conversationId) : undefined,
    originatorConversationId ? eq(mpesaReversals.originatorConversationId, originatorConversationId) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return null;
  const [row] = await db.select().from(mpesaReversals).where(or(...conditions)).limit(1);
  return row ?? null;
}

/**
 * The live reversal of a receipt whose acknowledgement we never stored (the app died after sending it, before
 * writing Daraja's ids): its result names no id we know, only the receipt it reverses. At most one reversal of a
 * receipt is live at a time (mpesa_reversals_one_live_per_receipt), so the receipt names it.
 */
export async function findUnacknowledgedReversalOf(db: DbOrTx, { originalTransactionId }: { originalTransactionId: string }): Promise<ReversalRow | null> {
  const [row] = await db
    .select()
    .from(mpesaReversals)
    .where(and(eq(mpesaReversals.originalTransactionId, originalTransactionId), isNull(mpesaReversals.conversationId), inArray(mpesaReversals.status, ['UNKNOWN', 'PENDING', 'SUCCESS'])))
    .limit(1);
  return row ?? null;
}

/** Like claimOverduePayouts: reversals whose result is overdue, claimed for one Transaction Status query. */
export async function claimOverdueReversals(db: DbOrTx, { sentBefore, queriedBefore, limit = 10 }: { sentBefore: Date; queriedBefore: Date; limit?: number }) {
  const due = db
    .select({ id: mpesaReversals.id })
    .from(mpesaReversals)
    .where(
      and(
        inArray(mpesaReversals.status, ['PENDING', 'UNKNOWN']),
        lt(mpesaReversals.sentAt, sentBefore),
        or(isNull(mpesaReversals.lastQueriedAt), lt(mpesaReversals.lastQueriedAt, queriedBefore)),
      ),
    )
    .limit(limit)
    .for('update', { skipLocked: true });
  return db.update(mpesaReversals).set({ lastQueriedAt: new Date() }).where(inArray(mpesaReversals.id, due)).returning();
}

export async function listStaleQueuedReversals(db: DbOrTx, { createdBefore, limit = 10 }: { createdBefore: Date; limit?: number }) {
  return db
    .select({ id: mpesaReversals.id })
    .from(mpesaReversals)
    .where(and(eq(mpesaReversals.status, 'QUEUED'), lt(mpesaReversals.updatedAt, createdBefore)))
    .limit(limit);
}

export async function lockReversal(tx: DbOrTx, { reversalId }: { reversalId: string }): Promise<ReversalRow | null> {
  const [row] = await tx.select().from(mpesaReversals).where(eq(mpesaReversals.id, reversalId)).limit(1).for('update');
  return row ?? null;
}

export async function updateReversal(db: DbOrTx, { reversalId, set }: { reversalId: string; set: Partial<NewReversalRow> }): Promise<ReversalRow | null> {
  const [row] = await db.update(mpesaReversals).set({ ...set, updatedAt: new Date() }).where(eq(mpesaReversals.id, reversalId)).returning();
  return row ?? null;
}
