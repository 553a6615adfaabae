import 'server-only';
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { claimOverduePayouts, listStaleQueuedPayouts } from '@/db/queries/mpesa-b2c';
import { expirePendingChecks } from '@/db/queries/mpesa-balance';
import { claimOverdueReversals, listStaleQueuedReversals } from '@/db/queries/mpesa-reversals';
import { mpesaBalanceChecks, mpesaStatusQueries } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { balanceKind } from './balance-kind';
import { requestMoneyOutStatus } from './money-out';
import { payoutAdapter, payoutKind } from './payout-kind';
import { reversalAdapter, reversalKind } from './reversal-kind';
import { sendInitiatorRequest } from './send-initiator-request';
import { statusKind } from './status-kind';

/**
 * Every request ends (invariant 3). Each sweep: sends what was recorded but never claimed for sending (the
 * process stopped in between), asks Transaction Status about money-out requests whose result is overdue (dropped
 * result, queue timeout, unknown send — never resent), and closes balance checks nobody answered. Rows are
 * claimed with SKIP LOCKED or a conditional UPDATE, so instances sweeping together never repeat each other.
 */

const STALE_QUEUED_MS = 30_000;
// A balance query nobody answered within this long is closed; the admin can simply refresh again.
const EXPIRE_BALANCE_MS = 2 * 60_000;

export async function sendStaleQueuedRequests(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const before = new Date(now.getTime() - STALE_QUEUED_MS);
  const [payouts, reversals, checks, queries] = await Promise.all([
    listStaleQueuedPayouts(db, { createdBefore: before }),
    listStaleQueuedReversals(db, { createdBefore: before }),
    db.select({ id: mpesaBalanceChecks.id }).from(mpesaBalanceChecks).where(and(eq(mpesaBalanceChecks.status, 'QUEUED'), lt(mpesaBalanceChecks.createdAt, before))).limit(10),
    db.select({ id: mpesaStatusQueries.id }).from(mpesaStatusQueries).where(and(eq(mpesaStatusQueries.status, 'QUEUED'), lt(mpesaStatusQueries.createdAt, before))).limit(25),
  ]);
  for (const { id } of payouts) await sendInitiatorRequest(db, payoutKind, { id, actor: null });
  for (const { id } of reversals) await sendInitiatorRequest(db, reversalKind, { id, actor: null });
  for (const { id } of checks) await sendInitiatorRequest(db, balanceKind, { id, actor: null });
  for (const { id } of queries) await sendInitiatorRequest(db, statusKind, { id, actor: null });
  return payouts.length + reversals.length + checks.length + queries.length;
}

/** Money-out requests sent (or last asked about) more than MPESA_RESULT_QUERY_AFTER_SECONDS ago, still unsettled. */
export async function queryOverdueMoneyOut(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - getEnv().mpesa.resultQueryAfterSeconds * 1000);
  const payouts = await claimOverduePayouts(db, { sentBefore: cutoff, queriedBefore: cutoff });
  for (const payout of payouts) await requestMoneyOutStatus(db, payoutAdapter, payout);
  const reversals = await claimOverdueReversals(db, { sentBefore: cutoff, queriedBefore: cutoff });
  for (const reversal of reversals) await requestMoneyOutStatus(db, reversalAdapter, reversal);
  return payouts.length + reversals.length;
}

export async function expireUnansweredBalanceChecks(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<void> {
  const expired = await expirePendingChecks(db, { createdBefore: new Date(now.getTime() - EXPIRE_BALANCE_MS) });
  for (const check of expired) {
    await recordAudit(db, { actor: null, agencyId: check.agencyId, action: 'balance.unanswered', targetType: 'mpesa_balance_check', targetId: check.id });
  }
}
