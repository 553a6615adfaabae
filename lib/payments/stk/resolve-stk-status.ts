import 'server-only';
import type { Db } from '@/db/client';
import { claimPushForQuery, getPushForCaller, lockPushById, type StkRow } from '@/db/queries/mpesa-transactions';
import type { Caller } from '@/lib/auth/caller';
import { notFound } from '@/lib/errors';
import { isDarajaError } from '@/lib/mpesa/errors';
import { getMpesaContext, type MpesaContext } from '../mpesa-context';
import { settleStkFailure, settleStkSuccess } from './settle-stk-push';
import { getStkSettings, type StkSettings } from './stk-settings';
import type { StkStatusView } from './stk-status-types';
import { toStkStatusView } from './stk-status-view';

/**
 * Every request ends (invariant 3): a push with no callback after `queryAfterSeconds` is settled by asking Daraja
 * (STK query). 4999 and the legacy "being processed" answer mean still pending; anything final is applied exactly
 * like a verified callback, under the same row lock, so a success is credited once and never downgraded.
 */

export type QueryOutcome = 'applied' | 'duplicate' | 'pending' | 'error';

/** Queries a push this caller has already claimed (see claimPushForQuery) and applies a final answer. */
export async function queryAndSettlePush(db: Db, { push, mpesa }: { push: StkRow; mpesa?: MpesaContext }): Promise<QueryOutcome> {
  if (!push.checkoutRequestId) return 'pending';
  let answer;
  try {
    const ctx = mpesa ?? (await getMpesaContext(db, { agencyId: push.agencyId }));
    answer = await ctx.client.stkQuery({ checkoutRequestId: push.checkoutRequestId });
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
    // The query carries no receipt: a receipt proven by Transaction Status fills it in (lib/payments/receipts).
    if (resultCode === '0') return settleStkSuccess(tx, { push: locked, resultDesc, source: 'query' });
    return settleStkFailure(tx, { push: locked, resultCode, resultDesc, source: 'query' });
  });
}

/** Queries the push if it is due and nobody else queried it very recently; 'skipped' otherwise. */
export async function resolvePushIfDue(
  db: Db,
  { push, mpesa, settings = getStkSettings(), now = new Date() }: { push: StkRow; mpesa?: MpesaContext; settings?: StkSettings; now?: Date },
): Promise<QueryOutcome | 'skipped'> {
  if (push.status !== 'PENDING' || !push.checkoutRequestId) return 'skipped';
  if (now.getTime() - push.createdAt.getTime() < settings.queryAfterSeconds * 1000) return 'skipped';
  const claimed = await claimPushForQuery(db, { id: push.id, minIntervalSeconds: settings.queryMinIntervalSeconds });
  if (!claimed) return 'skipped';
  return queryAndSettlePush(db, { push: claimed, mpesa });
}

/** The status of a push the caller may see (by our id or the CheckoutRequestID); settles it with an STK query first when due. */
export async function getStkStatusForCaller(
  db: Db,
  { caller, ref, mpesa, settings }: { caller: Caller; ref: string; mpesa?: MpesaContext; settings?: StkSettings },
): Promise<StkStatusView> {
  const found = await getPushForCaller(db, { caller, ref });
  if (!found) throw notFound('Payment request');
  const outcome = await resolvePushIfDue(db, { push: found.push, mpesa, settings });
  const current = outcome === 'applied' ? await getPushForCaller(db, { caller, ref }) : found;
  if (!current) throw notFound('Payment request');
  return toStkStatusView(current.push, current.paymentId);
}

/** The same view without settling anything, for the event stream once access has been checked. */
export async function getStkStatusView(db: Db, { caller, ref }: { caller: Caller; ref: string }): Promise<StkStatusView | null> {
  const found = await getPushForCaller(db, { caller, ref });
  return found ? toStkStatusView(found.push, found.paymentId) : null;
}
