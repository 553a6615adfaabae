import 'server-only';
import type { Tx } from '@/db/client';
import { getMoneyOutLimits, lockMoneyOutTotals, sumRecentMoneyOutByRequester, sumRecentMoneyOutToPhone } from '@/db/queries/money-out-limits';
import { getUserById } from '@/db/queries/users';
import { normalizeKenyanPhone } from '@/lib/phone';
import type { ApprovalReason } from './approval-reasons';

/**
 * Decides whether a money-out request must wait for a second person (invariant 5), inside the transaction that
 * records it. The totals are summed under a lock held until that transaction ends, so of two concurrent requests
 * each under a limit but together over it, the second sees the first and waits for approval.
 */
export async function assessMoneyOutApproval(
  tx: Tx,
  {
    agencyId,
    requesterId,
    recipientPhone,
    amountCents,
    applyThreshold,
    alsoBecause = [],
  }: {
    agencyId: string;
    requesterId: string;
    /** Normalised 2547…/2541… number the money goes to; null when unknown (a reversal of a payment without one). */
    recipientPhone: string | null;
    amountCents: number;
    /** The per-request threshold applies to B2C payouts; reversals return a payment to whoever made it. */
    applyThreshold: boolean;
    /** Reasons the caller already has (the requester asked, a landlord's reversal). */
    alsoBecause?: ApprovalReason[];
  },
): Promise<ApprovalReason[]> {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`Not an amount in cents: ${amountCents}`);
  await lockMoneyOutTotals(tx, { agencyId, requesterId, phone: recipientPhone });
  const limits = await getMoneyOutLimits(tx, { agencyId });
  const reasons: ApprovalReason[] = [];

  // The requester's own number, from their user record (not the session, which may be older than a phone change).
  const requester = await getUserById(tx, { userId: requesterId });
  const own = requester?.phone ? normalizeKenyanPhone(requester.phone) : null;
  if (recipientPhone && own?.ok && own.msisdn === recipientPhone) reasons.push({ kind: 'own_phone' });

  if (applyThreshold && amountCents > limits.thresholdCents) reasons.push({ kind: 'threshold', limitCents: limits.thresholdCents });

  const byRequester = amountCents + (await sumRecentMoneyOutByRequester(tx, { agencyId, requesterId }));
  if (byRequester > limits.requesterDailyCents) reasons.push({ kind: 'requester_daily', limitCents: limits.requesterDailyCents, totalCents: byRequester });

  if (recipientPhone) {
    const toPhone = amountCents + (await sumRecentMoneyOutToPhone(tx, { agencyId, phone: recipientPhone }));
    if (toPhone > limits.phoneDailyCents) reasons.push({ kind: 'phone_daily', limitCents: limits.phoneDailyCents, totalCents: toPhone, phone: recipientPhone });
  }
  return [...reasons, ...alsoBecause];
}
