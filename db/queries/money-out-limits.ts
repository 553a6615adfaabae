import { and, eq, gt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../client';
import { agencies, mpesaB2cTransactions, mpesaReversals, type PayoutStatus } from '../schema';

/**
 * The rolling 24 h totals of money out (B2C payouts and reversals together) that decide whether a request needs
 * approval, and the lock that makes "sum, then record" one step for concurrent requests.
 */

/**
 * Statuses that do not count: nothing left and nothing will. Everything else counts — waiting for approval too, so
 * that splitting one large payout into small ones cannot stay under the limit while the first parts wait.
 */
export const UNCOUNTED_MONEY_OUT_STATUSES: PayoutStatus[] = ['REJECTED', 'FAILED'];

export interface MoneyOutLimits {
  thresholdCents: number;
  requesterDailyCents: number;
  phoneDailyCents: number;
  /** Not a limit: the Utility balance below which payout forms warn (and admins are alerted). */
  lowBalanceCents: number;
}

export async function getMoneyOutLimits(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<MoneyOutLimits> {
  const [row] = await db
    .select({
      thresholdCents: agencies.payoutApprovalThresholdCents,
      requesterDailyCents: agencies.moneyOutDailyRequesterLimitCents,
      phoneDailyCents: agencies.moneyOutDailyPhoneLimitCents,
      lowBalanceCents: agencies.lowBalanceThresholdCents,
    })
    .from(agencies)
    .where(eq(agencies.id, agencyId))
    .limit(1);
  if (!row) throw new Error(`agency ${agencyId} not found`);
  return row;
}

// Two-key advisory locks live in their own key space (separate from the one-bigint locks used elsewhere); the first
// key says which total is locked so a requester and a phone can never share a lock by a hash collision.
const REQUESTER_LOCK = 727_101;
const PHONE_LOCK = 727_102;

/**
 * Serialises money-out requests that share a requester or a recipient phone until the transaction ends, so two
 * concurrent requests cannot both read the total before either is recorded. Always requester first, then phone:
 * one order everywhere means two requests can wait on each other but never deadlock.
 */
export async function lockMoneyOutTotals(tx: Tx, { agencyId, requesterId, phone }: { agencyId: string; requesterId: string; phone: string | null }): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${REQUESTER_LOCK}, hashtext(${`${agencyId}:${requesterId}`}))`);
  if (phone) await tx.execute(sql`select pg_advisory_xact_lock(${PHONE_LOCK}, hashtext(${`${agencyId}:${phone}`}))`);
}

async function sumBoth(db: DbOrTx, { b2c, reversal }: { b2c: SQL; reversal: SQL }): Promise<number> {
  // now() is the transaction's start: the window is the same for the sum and the row recorded after it.
  const since = sql`now() - interval '24 hours'`;
  const [payouts] = await db
    .select({ total: sql<string | null>`sum(${mpesaB2cTransactions.amountCents})` })
    .from(mpesaB2cTransactions)
    .where(and(b2c, gt(mpesaB2cTransactions.createdAt, since), notInArray(mpesaB2cTransactions.status, UNCOUNTED_MONEY_OUT_STATUSES)));
  const [reversals] = await db
    .select({ total: sql<string | null>`sum(${mpesaReversals.amountCents})` })
    .from(mpesaReversals)
    .where(and(reversal, gt(mpesaReversals.createdAt, since), notInArray(mpesaReversals.status, UNCOUNTED_MONEY_OUT_STATUSES)));
  // sum(bigint) comes back as numeric text; cents stay far below 2^53.
  return Number(payouts?.total ?? 0) + Number(reversals?.total ?? 0);
}

/** Cents a requester asked to send out in the last 24 h (payouts and reversals, not rejected or failed). */
export function sumRecentMoneyOutByRequester(db: DbOrTx, { agencyId, requesterId }: { agencyId: string; requesterId: string }): Promise<number> {
  return sumBoth(db, {
    b2c: and(eq(mpesaB2cTransactions.agencyId, agencyId), eq(mpesaB2cTransactions.requestedBy, requesterId))!,
    reversal: and(eq(mpesaReversals.agencyId, agencyId), eq(mpesaReversals.requestedBy, requesterId))!,
  });
}

/** Cents going to one phone (2547…) in the last 24 h, whoever asked. */
export function sumRecentMoneyOutToPhone(db: DbOrTx, { agencyId, phone }: { agencyId: string; phone: string }): Promise<number> {
  return sumBoth(db, {
    b2c: and(eq(mpesaB2cTransactions.agencyId, agencyId), eq(mpesaB2cTransactions.phone, phone))!,
    reversal: and(eq(mpesaReversals.agencyId, agencyId), eq(mpesaReversals.recipientPhone, phone))!,
  });
}
