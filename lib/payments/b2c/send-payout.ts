import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getPayoutById, setPayoutConversation, transitionPayout, type PayoutRow } from '@/db/queries/mpesa-b2c';
import type { Caller } from '@/lib/auth/caller';
import { getDarajaClient, type DarajaClient } from '@/lib/mpesa/client';
import { isDarajaError, isUnknownOutcome } from '@/lib/mpesa/errors';
import { callbackUrl } from '../callback-guard';
import { commandIdFor } from './payout-input';

const TARGET = 'mpesa_b2c';
// Daraja says the OriginatorConversationID was used before: an earlier send reached M-Pesa (SPEC §5.1).
const DUPLICATE_ORIGINATOR = '500.002.1001';

/**
 * Sends a QUEUED payout with B2C v3, our row id as OriginatorConversationID. The row is first moved
 * QUEUED → UNKNOWN in one UPDATE: only the caller that wins that update sends, so a payout is sent at most
 * once (invariant 5), and a crash mid-send leaves it UNKNOWN for Transaction Status, never resent.
 */
export async function sendPayout(
  db: Db,
  { payoutId, actor, daraja }: { payoutId: string; actor: Caller | null; daraja?: DarajaClient },
): Promise<PayoutRow | null> {
  const claimed = await transitionPayout(db, { payoutId, from: ['QUEUED'], to: 'UNKNOWN', set: { sentAt: new Date() } });
  if (!claimed) return getPayoutById(db, { payoutId });
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAudit(db, { actor, agencyId: claimed.agencyId, action, targetType: TARGET, targetId: claimed.id, details });

  let ack;
  try {
    ack = await (daraja ?? getDarajaClient()).b2cPayment({
      originatorConversationId: claimed.originatorConversationId,
      phoneNumber: claimed.phone,
      amountCents: claimed.amountCents,
      commandId: commandIdFor(claimed.occasion),
      remarks: claimed.remarks,
      occasion: claimed.occasion,
      resultUrl: callbackUrl('b2c/result'),
      queueTimeoutUrl: callbackUrl('b2c/timeout'),
    });
  } catch (error) {
    const definitelyNotSent = isDarajaError(error) && !isUnknownOutcome(error) && error.errorCode !== DUPLICATE_ORIGINATOR;
    if (!definitelyNotSent) {
      // It may have reached M-Pesa: leave it UNKNOWN for the Transaction Status sweep.
      await audit('payout.send_unknown', { error: error instanceof Error ? error.message : String(error) });
      return getPayoutById(db, { payoutId });
    }
    const failed = await transitionPayout(db, {
      payoutId,
      from: ['UNKNOWN'],
      to: 'FAILED',
      set: { resultCode: error.errorCode, resultDescription: error.message, completedAt: new Date() },
    });
    await audit('payout.send_failed', { kind: error.kind, errorCode: error.errorCode, message: error.message });
    return failed ?? getPayoutById(db, { payoutId });
  }

  await db.transaction(async (tx) => {
    await setPayoutConversation(tx, { payoutId, conversationId: ack.conversationId });
    // A result may already have settled it (callback before ack): then it stays as the result left it.
    await transitionPayout(tx, { payoutId, from: ['UNKNOWN'], to: 'PENDING' });
    await recordAudit(tx, {
      actor,
      agencyId: claimed.agencyId,
      action: 'payout.sent',
      targetType: TARGET,
      targetId: claimed.id,
      details: { conversationId: ack.conversationId, originatorConversationId: ack.originatorConversationId },
    });
  });
  return getPayoutById(db, { payoutId });
}
