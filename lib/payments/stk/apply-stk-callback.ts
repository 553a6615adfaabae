import 'server-only';
import type { Db } from '@/db/client';
import { markInboxRow, type InboxRow } from '@/db/queries/callback-inbox';
import { lockCheckoutCorrelation, lockPushByCheckoutId, updatePush, type StkRow } from '@/db/queries/mpesa-transactions';
import { parseStkCallback, type StkCallback } from '@/lib/mpesa/callbacks';
import { formatKes } from '@/lib/money';
import { normalizeKenyanPhone } from '@/lib/phone';
import type { ProcessResult } from '../inbox-processors';
import { settleStkFailure, settleStkSuccess } from './settle-stk-push';
import { getStkSettings, type StkSettings } from './stk-settings';

/**
 * Applies one stored STK callback (inbox kind `stk`) in one transaction. Daraja does not sign callbacks, so a
 * success is credited only when it matches the request we made (invariant 4); anything else is kept and flagged.
 */

/** Why a success callback does not match our request, or null when it does. */
export function findStkMismatch(push: StkRow, cb: StkCallback, settings: Pick<StkSettings, 'shortcode'>): string | null {
  const problems: string[] = [];
  if (push.shortcode !== settings.shortcode) problems.push(`the request was made for shortcode ${push.shortcode}, not ours (${settings.shortcode})`);
  if (cb.amountCents === undefined) problems.push('no Amount');
  else if (cb.amountCents !== push.amountCents) problems.push(`amount ${formatKes(cb.amountCents)} instead of ${formatKes(push.amountCents)}`);
  const phone = cb.phoneNumber ? normalizeKenyanPhone(cb.phoneNumber) : null;
  if (!phone) problems.push('no PhoneNumber');
  else if (!phone.ok || phone.msisdn !== push.phone) problems.push(`phone ${cb.phoneNumber} instead of ${push.phone}`);
  if (!cb.mpesaReceiptNumber) problems.push('no MpesaReceiptNumber');
  return problems.length ? `Success callback does not match the request: ${problems.join(', ')}` : null;
}

export async function applyStkCallback(db: Db, row: InboxRow, settings: StkSettings = getStkSettings()): Promise<ProcessResult> {
  let cb: StkCallback;
  try {
    cb = parseStkCallback(JSON.parse(row.body) as unknown);
  } catch (error) {
    return { outcome: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
  const correlationId = cb.checkoutRequestId;

  return db.transaction(async (tx): Promise<ProcessResult> => {
    await lockCheckoutCorrelation(tx, { checkoutRequestId: correlationId });
    const push = await lockPushByCheckoutId(tx, { checkoutRequestId: correlationId });
    if (!push) {
      // Daraja can answer before we stored the CheckoutRequestID: wait for it (initiation and the sweep retry),
      // then keep it as unmatched for a person. Marked inside the lock, so initiation cannot miss it.
      const ageSeconds = (Date.now() - row.receivedAt.getTime()) / 1000;
      if (ageSeconds < settings.unmatchedAfterSeconds) {
        const waiting = { outcome: 'waiting', correlationId, error: 'No STK request with this CheckoutRequestID yet' } as const;
        await markInboxRow(tx, { id: row.id, ...waiting });
        return waiting;
      }
      return { outcome: 'unmatched', correlationId, error: 'No STK request of ours has this CheckoutRequestID' };
    }

    if (cb.resultCode !== '0') {
      const outcome = await settleStkFailure(tx, { push, resultCode: cb.resultCode, resultDesc: cb.resultDesc, source: 'callback' });
      return { outcome, correlationId };
    }

    const mismatch = findStkMismatch(push, cb, settings);
    if (mismatch) {
      // Not credited. The push keeps its state (the real answer may still come, or the STK query settles it).
      const reviewReason = push.reviewReason && push.reviewReason !== mismatch ? `${push.reviewReason}; ${mismatch}` : mismatch;
      await updatePush(tx, { id: push.id, set: { needsReview: true, reviewReason } });
      console.warn(`STK callback ${row.id} for ${correlationId} flagged: ${mismatch}`);
      return { outcome: 'mismatch', correlationId, error: mismatch };
    }
    const outcome = await settleStkSuccess(tx, {
      push,
      receipt: cb.mpesaReceiptNumber ?? null,
      transactionDate: cb.transactionDate ?? null,
      resultDesc: cb.resultDesc,
      source: 'callback',
    });
    return { outcome, correlationId };
  });
}
