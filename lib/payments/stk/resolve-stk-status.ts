import 'server-only';
import type { Db } from '@/db/client';
import { claimPushForQuery, getPushForCaller, lockPushById, type StkRow } from '@/db/queries/mpesa-transactions';
import type { Caller } from '@/lib/auth/caller';
import { notFound } from '@/lib/errors';
import { getDarajaClient } from '@/lib/mpesa/client';
import { isDarajaError } from '@/lib/mpesa/errors';
import type { StkClient } from './initiate-stk-push';
import { settleStkFailure, settleStkSuccess } from './settle-stk-push';
import { getStkSettings, type StkSettings } from './stk-settings';
import type { StkStatusView } from './stk-status-types';
import { toStkStatusView } from './stk-status-view';

/**
 * Every request ends (invariant 3): a push with no callback after `queryAfterSeconds` is settled by asking Daraja
 * (STK query). 4999 and the legacy "being processed" answer mean still pending; anything final is applied exactly
 * like a callback, under the same row lock, so a success is credited once and never downgraded.
 */

export type QueryOutcome = 'applied' | 'duplicate' | 'pending' | 'error';

/** Queries a push this caller has already claimed (see claimPushForQuery) and applies a final answer. */
export async function queryAndSettlePush(db: Db, { push, client }: { push: StkRow; client: StkClient }): Promise<QueryOutcome> {
  if (!push.checkoutRequestId) return 'pending';
  let answer: Awaited<ReturnType<StkClient['stkQuery']>>;
  try {
    answer = await client.stkQuery({ checkoutRequestId: push.checkoutRequestId });
  } catch (error) {
    // A failed query changes nothing: the next poll or sweep asks again.
    console.warn(`STK query for ${push.checkoutRequestId} failed: ${isDarajaError(error) ? `${error.errorCode ?? error.kind} ${error.message}` : String(error)}`);
    return 'error';
  }
  if (answer.state === 'PENDING') return 'pending';
  const { resultCode, resultDesc } = answer;
  return db.transaction(async (tx) => {
    const locked = await lockPushById(tx, { id: push.id });
    if (!locked) return 'duplicate';
    if (resultCode === '0') {
      // The query carries no receipt number: the callback or the paybill confirmation fills it in later.
      return settleStkSuccess(tx, { push: locked, receipt: null, transactionDate: null, resultDesc, source: 'query' });
    }
    return settleStkFailure(tx, { push: locked, resultCode, resultDesc, source: 'query' });
  });
}

/** Queries the push if it is due and nobody else queried it very recently; 'skipped' otherwise. */
export async function resolvePushIfDue(
  db: Db,
  { push, client, settings = getStkSettings(), now = new Date() }: { push: StkRow; client?: StkClient; settings?: StkSettings; now?: Date },
): Promise<QueryOutcome | 'skipped'> {
  if (push.status !== 'PENDING' || !push.checkoutRequestId) return 'skipped';
  if (now.getTime() - push.createdAt.getTime() < settings.queryAfterSeconds * 1000) return 'skipped';
  const claimed = await claimPushForQuery(db, { id: push.id, minIntervalSeconds: settings.queryMinIntervalSeconds });
  if (!claimed) return 'skipped';
  return queryAndSettlePush(db, { push: claimed, client: client ?? getDarajaClient() });
}

/** The status of a push the caller may see; settles it with an STK query first when that is due. */
export async function getStkStatusForCaller(
  db: Db,
  { caller, checkoutRequestId, client, settings }: { caller: Caller; checkoutRequestId: string; client?: StkClient; settings?: StkSettings },
): Promise<StkStatusView> {
  const found = await getPushForCaller(db, { caller, checkoutRequestId });
  if (!found) throw notFound('Payment request');
  const outcome = await resolvePushIfDue(db, { push: found.push, client, settings });
  const current = outcome === 'applied' ? await getPushForCaller(db, { caller, checkoutRequestId }) : found;
  if (!current) throw notFound('Payment request');
  return toStkStatusView({ ...current.push, checkoutRequestId }, current.paymentId);
}

/** The same view without a caller, for the event stream once access has been checked. */
export async function getStkStatusView(db: Db, { caller, checkoutRequestId }: { caller: Caller; checkoutRequestId: string }): Promise<StkStatusView | null> {
  const found = await getPushForCaller(db, { caller, checkoutRequestId });
  return found ? toStkStatusView({ ...found.push, checkoutRequestId }, found.paymentId) : null;
}
