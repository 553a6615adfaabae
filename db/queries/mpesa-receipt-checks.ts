import { and, asc, desc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { mpesaReceiptChecks, mpesaTransactions, payments } from '../schema';

/** Receipt checks: one row per M-Pesa receipt someone told us about, and what Transaction Status proved. */

export type ReceiptCheckRow = typeof mpesaReceiptChecks.$inferSelect;
export type NewReceiptCheckRow = typeof mpesaReceiptChecks.$inferInsert;

/** Inserts the check for a receipt, or does nothing when there is one; then locks and returns the receipt's row. */
export async function upsertAndLockReceiptCheck(tx: Tx, row: NewReceiptCheckRow): Promise<{ check: ReceiptCheckRow; created: boolean }> {
  const [inserted] = await tx.insert(mpesaReceiptChecks).values(row).onConflictDoNothing({ target: mpesaReceiptChecks.receipt }).returning();
  // A row this transaction inserted is already ours until commit (others' FOR UPDATE waits for it): no second read.
  if (inserted) return { check: inserted, created: true };
  const [locked] = await tx.select().from(mpesaReceiptChecks).where(eq(mpesaReceiptChecks.receipt, row.receipt)).limit(1).for('update');
  if (!locked) throw new Error(`receipt check for ${row.receipt} vanished`);
  return { check: locked, created: false };
}

export async function lockReceiptCheck(tx: Tx, { id }: { id: string }): Promise<ReceiptCheckRow | null> {
  const [row] = await tx.select().from(mpesaReceiptChecks).where(eq(mpesaReceiptChecks.id, id)).limit(1).for('update');
  return row ?? null;
}

export async function getReceiptCheckByReceipt(db: DbOrTx, { receipt }: { receipt: string }): Promise<ReceiptCheckRow | null> {
  const [row] = await db.select().from(mpesaReceiptChecks).where(eq(mpesaReceiptChecks.receipt, receipt)).limit(1);
  return row ?? null;
}

export async function updateReceiptCheck(db: DbOrTx, { id, set }: { id: string; set: Partial<NewReceiptCheckRow> }): Promise<ReceiptCheckRow | null> {
  const [row] = await db.update(mpesaReceiptChecks).set(set).where(eq(mpesaReceiptChecks.id, id)).returning();
  return row ?? null;
}

/**
 * Stamps a pending check for one Transaction Status query, unless one was sent within `minIntervalSeconds`: the
 * throttle and the coordination between instances in one statement.
 */
export async function claimReceiptCheckForQuery(db: DbOrTx, { id, minIntervalSeconds }: { id: string; minIntervalSeconds: number }): Promise<ReceiptCheckRow | null> {
  const [row] = await db
    .update(mpesaReceiptChecks)
    .set({ lastQueriedAt: sql`now()`, queryCount: sql`${mpesaReceiptChecks.queryCount} + 1` })
    .where(
      and(
        eq(mpesaReceiptChecks.id, id),
        eq(mpesaReceiptChecks.status, 'PENDING'),
        or(isNull(mpesaReceiptChecks.lastQueriedAt), lt(mpesaReceiptChecks.lastQueriedAt, sql`now() - make_interval(secs => ${minIntervalSeconds})`)),
      ),
    )
    .returning();
  return row ?? null;
}

/** Pending checks whose last query got no usable answer within `minIntervalSeconds`, oldest first. */
export async function listReceiptChecksDue(db: DbOrTx, { minIntervalSeconds, limit = 25 }: { minIntervalSeconds: number; limit?: number }) {
  return db
    .select({ id: mpesaReceiptChecks.id })
    .from(mpesaReceiptChecks)
    .where(
      and(
        eq(mpesaReceiptChecks.status, 'PENDING'),
        or(isNull(mpesaReceiptChecks.lastQueriedAt), lt(mpesaReceiptChecks.lastQueriedAt, sql`now() - make_interval(secs => ${minIntervalSeconds})`)),
      ),
    )
    .orderBy(asc(mpesaReceiptChecks.lastQueriedAt))
    .limit(limit);
}

/** The push whose MerchantRequestID Transaction Status named (SPEC §8.1: the STK payment's own id). */
export async function findPushByMerchantRequestId(db: DbOrTx, { merchantRequestId }: { merchantRequestId: string }) {
  const [row] = await db.select().from(mpesaTransactions).where(eq(mpesaTransactions.merchantRequestId, merchantRequestId)).limit(1);
  return row ?? null;
}

/**
 * Pushes on a lease whose send outcome is unknown (no CheckoutRequestID: the app died, or Daraja did not answer)
 * to this phone for this amount, created before the payment: the intent a proven STK receipt may settle.
 */
export async function findUnsentPushes(db: DbOrTx, { leaseId, phone, amountCents, before }: { leaseId: string; phone: string; amountCents: number; before: Date }) {
  return db
    .select()
    .from(mpesaTransactions)
    .where(
      and(
        eq(mpesaTransactions.leaseId, leaseId),
        eq(mpesaTransactions.phone, phone),
        eq(mpesaTransactions.amountCents, amountCents),
        isNull(mpesaTransactions.checkoutRequestId),
        isNull(mpesaTransactions.mpesaReceiptNumber),
        lt(mpesaTransactions.createdAt, before),
      ),
    )
    .orderBy(desc(mpesaTransactions.createdAt))
    .limit(2);
}

/**
 * Pushes of a lease that a proven STK receipt of this phone and amount may belong to, when Transaction Status gives
 * no MerchantRequestID: not tied to a receipt yet, and either still open (PENDING, TIMEOUT) or credited from the
 * STK query alone (SUCCESS with a receiptless payment). Definite failures are not candidates.
 */
export async function findPushesAwaitingReceipt(
  db: DbOrTx,
  { leaseId, phone, amountCents, from, to }: { leaseId: string; phone: string; amountCents: number; from: Date; to: Date },
) {
  return db
    .select()
    .from(mpesaTransactions)
    .where(
      and(
        eq(mpesaTransactions.leaseId, leaseId),
        eq(mpesaTransactions.phone, phone),
        eq(mpesaTransactions.amountCents, amountCents),
        isNull(mpesaTransactions.mpesaReceiptNumber),
        sql`${mpesaTransactions.status} in ('PENDING', 'TIMEOUT', 'SUCCESS')`,
        sql`${mpesaTransactions.createdAt} between ${from.toISOString()}::timestamptz and ${to.toISOString()}::timestamptz`,
        sql`not exists (select 1 from payments p where p.mpesa_transaction_id = ${mpesaTransactions.id} and p.mpesa_receipt_number is not null)`,
      ),
    )
    .orderBy(desc(mpesaTransactions.createdAt))
    .limit(5);
}

/**
 * Payments on a lease whose receipt Transaction Status proved to be an STK payment from this phone for this amount,
 * not tied to any push: the money an STK push credited from the query alone may turn out to be (SPEC §9.6).
 */
export async function findUntiedProvenStkPayments(
  db: DbOrTx,
  { leaseId, phone, amountCents, since }: { leaseId: string; phone: string; amountCents: number; since: Date },
) {
  return db
    .select({ id: payments.id, receipt: payments.mpesaReceiptNumber })
    .from(payments)
    .innerJoin(mpesaReceiptChecks, eq(mpesaReceiptChecks.receipt, payments.mpesaReceiptNumber))
    .where(
      and(
        eq(payments.leaseId, leaseId),
        eq(payments.status, 'completed'),
        isNull(payments.mpesaTransactionId),
        eq(payments.amountCents, amountCents),
        gte(payments.paidAt, since),
        eq(mpesaReceiptChecks.status, 'CONFIRMED'),
        eq(mpesaReceiptChecks.route, 'stk'),
        eq(mpesaReceiptChecks.payerMsisdn, phone),
      ),
    )
    .orderBy(asc(payments.paidAt))
    .limit(2);
}

export async function getReceiptCheckById(db: DbOrTx, { id }: { id: string }): Promise<ReceiptCheckRow | null> {
  const [row] = await db.select().from(mpesaReceiptChecks).where(eq(mpesaReceiptChecks.id, id)).limit(1);
  return row ?? null;
}
