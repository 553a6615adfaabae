import { and, desc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Caller } from '@/lib/auth/caller';
import type { DbOrTx, Tx } from '../client';
import { leases, mpesaTransactions, payments, properties, units } from '../schema';
import { leaseScope } from './scope';

/** STK pushes (the `mpesa_transactions` table): every query that serves a person is scoped through the lease. */

export type StkRow = typeof mpesaTransactions.$inferSelect;
export type NewStkRow = typeof mpesaTransactions.$inferInsert;

/** Postgres unique violation on the "one PENDING push per lease" partial index. */
export function isOnePendingViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    const named = o.constraint_name ?? o.constraint;
    if (o.code === '23505' && (named === 'mpesa_transactions_one_pending_per_lease' || String(o.message).includes('one_pending_per_lease'))) return true;
    e = o.cause;
  }
  return false;
}

/** Inserts the request before Daraja is called (checkout id still null); null when the lease already has one pending. */
export async function insertPendingPush(db: DbOrTx, row: NewStkRow): Promise<StkRow | null> {
  try {
    const [inserted] = await db.insert(mpesaTransactions).values({ ...row, status: 'PENDING' }).returning();
    return inserted ?? null;
  } catch (error) {
    if (isOnePendingViolation(error)) return null;
    throw error;
  }
}

export async function getPendingPushForLease(db: DbOrTx, { leaseId }: { leaseId: string }): Promise<StkRow | null> {
  const [row] = await db.select().from(mpesaTransactions)
    .where(and(eq(mpesaTransactions.leaseId, leaseId), eq(mpesaTransactions.status, 'PENDING'))).limit(1);
  return row ?? null;
}

export async function getPushById(db: DbOrTx, { id }: { id: string }): Promise<StkRow | null> {
  const [row] = await db.select().from(mpesaTransactions).where(eq(mpesaTransactions.id, id)).limit(1);
  return row ?? null;
}

export async function getPushByCheckoutId(db: DbOrTx, { checkoutRequestId }: { checkoutRequestId: string }): Promise<StkRow | null> {
  const [row] = await db.select().from(mpesaTransactions).where(eq(mpesaTransactions.checkoutRequestId, checkoutRequestId)).limit(1);
  return row ?? null;
}

/** Locks the push for the rest of the transaction: every change of its state goes through this lock. */
export async function lockPushByCheckoutId(tx: Tx, { checkoutRequestId }: { checkoutRequestId: string }): Promise<StkRow | null> {
  const [row] = await tx.select().from(mpesaTransactions).where(eq(mpesaTransactions.checkoutRequestId, checkoutRequestId)).limit(1).for('update');
  return row ?? null;
}

export async function lockPushById(tx: Tx, { id }: { id: string }): Promise<StkRow | null> {
  const [row] = await tx.select().from(mpesaTransactions).where(eq(mpesaTransactions.id, id)).limit(1).for('update');
  return row ?? null;
}

export async function updatePush(db: DbOrTx, { id, set }: { id: string; set: Partial<NewStkRow> }): Promise<StkRow | null> {
  const [row] = await db.update(mpesaTransactions).set({ ...set, updatedAt: new Date() }).where(eq(mpesaTransactions.id, id)).returning();
  return row ?? null;
}

/**
 * Claims a pending push for one STK query: succeeds only when nobody (another request, another instance) queried
 * it in the last `minIntervalSeconds`. This is the throttle and the cross-instance coordination in one statement.
 */
export async function claimPushForQuery(db: DbOrTx, { id, minIntervalSeconds }: { id: string; minIntervalSeconds: number }): Promise<StkRow | null> {
  const [row] = await db.update(mpesaTransactions)
    .set({ lastQueriedAt: sql`now()`, queryCount: sql`${mpesaTransactions.queryCount} + 1` })
    .where(and(
      eq(mpesaTransactions.id, id),
      eq(mpesaTransactions.status, 'PENDING'),
      isNotNull(mpesaTransactions.checkoutRequestId),
      or(isNull(mpesaTransactions.lastQueriedAt), lt(mpesaTransactions.lastQueriedAt, sql`now() - make_interval(secs => ${minIntervalSeconds})`)),
    ))
    .returning();
  return row ?? null;
}

/**
 * Pending pushes due for an STK query, claimed with `FOR UPDATE SKIP LOCKED` and stamped in the same transaction,
 * so that several app instances sweeping together never query the same push twice.
 */
export async function claimPushesDueForQuery(
  tx: Tx,
  { olderThanSeconds, minIntervalSeconds, limit }: { olderThanSeconds: number; minIntervalSeconds: number; limit: number },
): Promise<StkRow[]> {
  const due = await tx.select({ id: mpesaTransactions.id }).from(mpesaTransactions)
    .where(and(
      eq(mpesaTransactions.status, 'PENDING'),
      isNotNull(mpesaTransactions.checkoutRequestId),
      lt(mpesaTransactions.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
      or(isNull(mpesaTransactions.lastQueriedAt), lt(mpesaTransactions.lastQueriedAt, sql`now() - make_interval(secs => ${minIntervalSeconds})`)),
    ))
    .orderBy(mpesaTransactions.createdAt).limit(limit).for('update', { skipLocked: true });
  const claimed: StkRow[] = [];
  for (const { id } of due) {
    const [row] = await tx.update(mpesaTransactions)
      .set({ lastQueriedAt: sql`now()`, queryCount: sql`${mpesaTransactions.queryCount} + 1` })
      .where(eq(mpesaTransactions.id, id)).returning();
    if (row) claimed.push(row);
  }
  return claimed;
}

/**
 * Pending pushes older than the review deadline, without a checkout id after `unsentAfterSeconds`, or never sent
 * at all (no sent_at) after `neverSentAfterSeconds`.
 */
export async function lockOverduePushes(
  tx: Tx,
  { reviewAfterSeconds, unsentAfterSeconds, neverSentAfterSeconds, limit }: { reviewAfterSeconds: number; unsentAfterSeconds: number; neverSentAfterSeconds: number; limit: number },
) {
  return tx.select().from(mpesaTransactions)
    .where(and(
      eq(mpesaTransactions.status, 'PENDING'),
      or(
        lt(mpesaTransactions.createdAt, sql`now() - make_interval(secs => ${reviewAfterSeconds})`),
        and(isNull(mpesaTransactions.checkoutRequestId), lt(mpesaTransactions.createdAt, sql`now() - make_interval(secs => ${unsentAfterSeconds})`)),
        and(isNull(mpesaTransactions.checkoutRequestId), isNull(mpesaTransactions.sentAt), lt(mpesaTransactions.createdAt, sql`now() - make_interval(secs => ${neverSentAfterSeconds})`)),
      ),
    ))
    .limit(limit).for('update', { skipLocked: true });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A push the caller may see (tenant: own lease; landlord: own property; admin: agency), with its payment id.
 * `ref` is our id (a push whose send outcome is unknown has nothing else) or Daraja's CheckoutRequestID.
 */
export async function getPushForCaller(db: DbOrTx, { caller, ref }: { caller: Caller; ref: string }) {
  const match = UUID.test(ref) ? eq(mpesaTransactions.id, ref) : eq(mpesaTransactions.checkoutRequestId, ref);
  const [row] = await db
    .select({ push: mpesaTransactions, paymentId: payments.id })
    .from(mpesaTransactions)
    .innerJoin(leases, eq(leases.id, mpesaTransactions.leaseId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .leftJoin(payments, eq(payments.mpesaTransactionId, mpesaTransactions.id))
    .where(and(match, eq(mpesaTransactions.agencyId, caller.agencyId), leaseScope(caller)))
    .limit(1);
  return row ?? null;
}

/** The push still open on a lease the caller may see, for the pay page to show instead of a second form. */
export async function getOpenPushForCaller(db: DbOrTx, { caller, leaseId }: { caller: Caller; leaseId: string }) {
  const [row] = await db
    .select({ push: mpesaTransactions })
    .from(mpesaTransactions)
    .innerJoin(leases, eq(leases.id, mpesaTransactions.leaseId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .where(and(eq(mpesaTransactions.leaseId, leaseId), eq(mpesaTransactions.status, 'PENDING'), eq(mpesaTransactions.agencyId, caller.agencyId), leaseScope(caller)))
    .limit(1);
  return row?.push ?? null;
}

export async function getPaymentIdForPush(db: DbOrTx, { pushId }: { pushId: string }): Promise<string | null> {
  const [row] = await db.select({ id: payments.id }).from(payments).where(eq(payments.mpesaTransactionId, pushId)).limit(1);
  return row?.id ?? null;
}

/** Recent pushes on the caller's leases, newest first (the payment history shows failed attempts too). */
export async function listPushesForCaller(db: DbOrTx, { caller, limit = 20 }: { caller: Caller; limit?: number }) {
  return db
    .select({ push: mpesaTransactions })
    .from(mpesaTransactions)
    .innerJoin(leases, eq(leases.id, mpesaTransactions.leaseId))
    .innerJoin(units, eq(units.id, leases.unitId))
    .innerJoin(properties, eq(properties.id, units.propertyId))
    .where(and(eq(mpesaTransactions.agencyId, caller.agencyId), leaseScope(caller)))
    .orderBy(desc(mpesaTransactions.createdAt))
    .limit(limit);
}

/**
 * Serialises "store the CheckoutRequestID" with "a callback for it found no request" (transaction-scoped
 * advisory lock on the id), so an early callback is either applied directly or seen as waiting by initiation.
 */
export async function lockCheckoutCorrelation(tx: Tx, { checkoutRequestId }: { checkoutRequestId: string }): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`stk:${checkoutRequestId}`}))`);
}
