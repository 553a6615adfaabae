import 'server-only';
import type { Db } from '@/db/client';
import type { InboxRow } from '@/db/queries/callback-inbox';
import { setInboxCorrelation } from '@/db/queries/callback-inbox';
import { getPushByCheckoutId, lockCheckoutCorrelation, lockPushById, updatePush, type StkRow } from '@/db/queries/mpesa-transactions';
import { parseStkCallback, type StkCallback } from '@/lib/mpesa/callbacks';
import type { StkQueryResult } from '@/lib/mpesa/client-types';
import { isDarajaCallbackError } from '@/lib/mpesa/errors';
import type { ProcessResult } from '../inbox-processors';
import { getMpesaContext } from '../mpesa-context';
import { claimReceipt } from '../receipts/claim-receipt';
import { settleStkFailure, settleStkSuccess } from './settle-stk-push';
import { getStkSettings, type StkSettings } from './stk-settings';

/**
 * Applies one stored STK callback (inbox kind `stk`). Daraja does not sign callbacks and the secret in the URL
 * leaks, so a callback is only a claim (invariant 4): the push's outcome is what the STK query says, and the receipt
 * the callback names reaches the books only once Transaction Status proves it is this push's money. A forged
 * success therefore credits nothing, and never hides the real answer that follows it.
 */

async function findPush(db: Db, { checkoutRequestId, inboxId }: { checkoutRequestId: string; inboxId: string }): Promise<StkRow | null> {
  // Same lock as "store the CheckoutRequestID" in initiation: an early callback is labelled with the id before the
  // lock is released, so initiation either finds the push here or finds this row waiting for it.
  return db.transaction(async (tx) => {
    await lockCheckoutCorrelation(tx, { checkoutRequestId });
    const push = await getPushByCheckoutId(tx, { checkoutRequestId });
    if (!push) await setInboxCorrelation(tx, { id: inboxId, correlationId: checkoutRequestId });
    return push;
  });
}

/** Hands the receipt a success callback names to Transaction Status; 'new' when this callback is the first to name it. */
async function claimCallbackReceipt(db: Db, push: StkRow, cb: StkCallback): Promise<'new' | 'known' | 'refuted' | 'none'> {
  const receipt = cb.mpesaReceiptNumber;
  if (cb.resultCode !== '0' || !receipt) return 'none';
  if (push.mpesaReceiptNumber === receipt) return 'known';
  if (!push.claimedReceipt) await updatePush(db, { id: push.id, set: { claimedReceipt: receipt } });
  const { check, created } = await claimReceipt(db, { receipt, shortcode: push.shortcode, source: 'stk-callback', amountCents: cb.amountCents ?? null, pushId: push.id });
  if (check.status === 'NOT_FOUND') return 'refuted';
  return created ? 'new' : 'known';
}

export async function applyStkCallback(db: Db, row: InboxRow, settings: StkSettings = getStkSettings()): Promise<ProcessResult> {
  let cb: StkCallback;
  try {
    cb = parseStkCallback(row.body);
  } catch (error) {
    if (!isDarajaCallbackError(error)) throw error;
    return { outcome: 'invalid', error: error.message };
  }
  const correlationId = cb.checkoutRequestId;
  const push = await findPush(db, { checkoutRequestId: correlationId, inboxId: row.id });
  if (!push) {
    // Daraja can answer before we stored the CheckoutRequestID: wait for it, then keep it as unmatched for a person.
    const ageSeconds = (Date.now() - row.receivedAt.getTime()) / 1000;
    if (ageSeconds < settings.unmatchedAfterSeconds) return { outcome: 'waiting', correlationId, error: 'No STK request with this CheckoutRequestID yet' };
    return { outcome: 'unmatched', correlationId, error: 'No STK request of ours has this CheckoutRequestID' };
  }
  const base = { correlationId, agencyId: push.agencyId };
  const claimsSuccess = cb.resultCode === '0';
  if (push.status === 'SUCCESS') {
    // M-Pesa already confirmed this push; a success callback can only bring a receipt to prove.
    const claim = await claimCallbackReceipt(db, push, cb);
    return { ...base, outcome: claim === 'new' ? 'applied' : claim === 'refuted' ? 'refuted' : 'duplicate' };
  }

  // Ask M-Pesa. A failing query throws: the inbox retries with back-off, and the sweep queries the push anyway.
  const ctx = await getMpesaContext(db, { agencyId: push.agencyId });
  const answer: StkQueryResult = await ctx.client.stkQuery({ checkoutRequestId: correlationId });

  if (answer.state === 'PENDING') {
    // Too early, or not from M-Pesa. A receipt it names is checked on its own (a late payment can be real).
    const claim = await claimCallbackReceipt(db, push, cb);
    if (claim === 'refuted') return { ...base, outcome: 'refuted', error: 'M-Pesa says the receipt this callback names does not exist' };
    if (push.status === 'PENDING') return { ...base, outcome: 'waiting', error: 'The STK query says the payment is still in progress' };
    return { ...base, outcome: 'mismatch', error: `The STK query never confirmed this callback; the push is ${push.status}` };
  }

  const settled = await db.transaction(async (tx) => {
    const locked = await lockPushById(tx, { id: push.id });
    if (!locked) return 'duplicate' as const;
    return answer.resultCode === '0'
      ? settleStkSuccess(tx, { push: locked, resultDesc: answer.resultDesc, source: 'callback' })
      : settleStkFailure(tx, { push: locked, resultCode: answer.resultCode, resultDesc: answer.resultDesc, source: 'callback' });
  });
  // The receipt is claimed whatever the query said: M-Pesa's query can lag a payment that went through late, and
  // Transaction Status is the judge of a receipt (a forged one is refuted there and credits nothing).
  const claim = await claimCallbackReceipt(db, push, cb);
  const agrees = (answer.resultCode === '0') === claimsSuccess;
  if (claim === 'refuted') return { ...base, outcome: 'refuted', error: 'M-Pesa says the receipt this callback names does not exist' };
  if (!agrees) {
    const said = claimsSuccess ? 'success' : `failure ${cb.resultCode}`;
    return { ...base, outcome: 'mismatch', error: `The callback says ${said}; the STK query says ${answer.resultCode} ${answer.resultDesc}` };
  }
  return { ...base, outcome: settled };
}
