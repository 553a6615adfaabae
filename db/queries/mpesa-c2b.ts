import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { candidateAccountKeys, pickAccountMatch } from '@/lib/leases/account-reference';
import type { DbOrTx } from '../client';
import { agencies, leases, mpesaC2bConfirmations, mpesaTransactions, payments, type LeaseStatus } from '../schema';

/** Paybill (C2B) confirmations and the lookups that place their money on a lease. */

export type C2bConfirmationRow = typeof mpesaC2bConfirmations.$inferSelect;
export type NewC2bConfirmation = typeof mpesaC2bConfirmations.$inferInsert;
/** `verifying` until Transaction Status proves (or refutes) the receipt; then what the books did with it. */
export type C2bConfirmationOutcome = 'verifying' | 'credited' | 'receipt_attached' | 'duplicate' | 'unmatched' | 'refuted' | 'review' | 'invalid';

export interface PaybillLease {
  id: string;
  agencyId: string;
  status: LeaseStatus;
  accountReference: string;
}

/**
 * The lease a tenant meant by the account number typed on the phone, among the leases of the agency whose paybill
 * received the money (another agency's `KH-A1` is not this one). Case, spaces, dashes and zero padding do not
 * matter, a check character may be left off but not mistyped (lib/leases/account-reference.ts); a lease in force
 * wins over an ended one with the same key. Indexed on (agency, account key).
 */
export async function findLeaseByPaybillAccount(
  db: DbOrTx,
  { shortcode, accountReference }: { shortcode: string; accountReference: string },
): Promise<PaybillLease | null> {
  const keys = candidateAccountKeys(accountReference);
  if (keys.length === 0) return null;
  const rows = await db
    .select({ id: leases.id, agencyId: leases.agencyId, status: leases.status, accountReference: leases.accountReference, accountKey: leases.accountKey })
    .from(leases)
    .innerJoin(agencies, eq(agencies.id, leases.agencyId))
    .where(and(eq(agencies.paybillShortcode, shortcode), inArray(leases.accountKey, keys)))
    .orderBy(asc(leases.createdAt))
    .limit(50);
  const match = pickAccountMatch(accountReference, rows.map((r) => ({ ...r, inForce: r.status === 'active' || r.status === 'notice' })));
  return match ? { id: match.id, agencyId: match.agencyId, status: match.status, accountReference: match.accountReference } : null;
}

/** The agency that owns a paybill, so that an unmatched payment still shows up in that agency's review list. */
export async function findAgencyIdByPaybill(db: DbOrTx, { shortcode }: { shortcode: string }): Promise<string | null> {
  const rows = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.paybillShortcode, shortcode)).limit(2);
  return rows.length === 1 ? rows[0]!.id : null;
}

/**
 * Claims a TransID. Returns null when it was already recorded: the unique index makes a concurrent copy wait for
 * the first transaction and then find the row, so each TransID is applied once.
 */
export async function insertC2bConfirmation(db: DbOrTx, row: NewC2bConfirmation): Promise<C2bConfirmationRow | null> {
  const [inserted] = await db.insert(mpesaC2bConfirmations).values(row).onConflictDoNothing({ target: mpesaC2bConfirmations.transId }).returning();
  return inserted ?? null;
}

export async function updateC2bConfirmation(
  db: DbOrTx,
  { id, set }: { id: string; set: { outcome: C2bConfirmationOutcome; paymentId?: string | null; leaseId?: string | null; agencyId?: string | null } },
): Promise<void> {
  await db.update(mpesaC2bConfirmations).set(set).where(eq(mpesaC2bConfirmations.id, id));
}

export async function getC2bConfirmationByTransId(db: DbOrTx, { transId }: { transId: string }): Promise<C2bConfirmationRow | null> {
  const [row] = await db.select().from(mpesaC2bConfirmations).where(eq(mpesaC2bConfirmations.transId, transId)).limit(1);
  return row ?? null;
}

/**
 * An STK push on the lease that was credited from the STK query alone (SUCCESS, its payment still without a
 * receipt) for the same amount, paid within `windowMs` of `paidAround`: the paybill confirmation may be the same
 * money arriving by the second route, carrying the receipt the dropped callback never brought. `phone` is the
 * payer when the confirmation carries a plain MSISDN, else null.
 */
export async function findReceiptlessStkPayment(
  db: DbOrTx,
  { leaseId, shortcode, amountCents, phone, paidAround, windowMs }:
    { leaseId: string; shortcode: string; amountCents: number; phone: string | null; paidAround: Date; windowMs: number },
): Promise<{ paymentId: string; pushId: string } | null> {
  const from = new Date(paidAround.getTime() - windowMs);
  const to = new Date(paidAround.getTime() + windowMs);
  const [row] = await db
    .select({ paymentId: payments.id, pushId: mpesaTransactions.id })
    .from(payments)
    .innerJoin(mpesaTransactions, eq(mpesaTransactions.id, payments.mpesaTransactionId))
    .where(and(
      eq(payments.leaseId, leaseId),
      eq(payments.status, 'completed'),
      eq(payments.amountCents, amountCents),
      isNull(payments.mpesaReceiptNumber),
      eq(mpesaTransactions.status, 'SUCCESS'),
      isNull(mpesaTransactions.mpesaReceiptNumber),
      eq(mpesaTransactions.shortcode, shortcode),
      gte(payments.paidAt, from),
      lte(payments.paidAt, to),
      // A plain MSISDN that differs from the prompted phone is someone else's money; hashed/masked ones can't tell.
      phone ? eq(mpesaTransactions.phone, phone) : undefined,
    ))
    // The closest in time is the likeliest to be the same money.
    .orderBy(sql`abs(extract(epoch from ${payments.paidAt} - ${paidAround.toISOString()}::timestamptz))`)
    .limit(1);
  return row ?? null;
}

/** What became of the money a paybill confirmation announced, once Transaction Status proved (or refuted) it. */
export async function setC2bConfirmationOutcome(
  db: DbOrTx,
  { transId, outcome, paymentId, leaseId }: { transId: string; outcome: C2bConfirmationOutcome; paymentId?: string | null; leaseId?: string | null },
): Promise<void> {
  await db
    .update(mpesaC2bConfirmations)
    .set({ outcome, ...(paymentId !== undefined ? { paymentId } : {}), ...(leaseId !== undefined ? { leaseId } : {}) })
    .where(eq(mpesaC2bConfirmations.transId, transId));
}
