import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getReversalById, setReversalConversation, transitionReversal, type ReversalRow } from '@/db/queries/mpesa-reversals';
import type { Caller } from '@/lib/auth/caller';
import { getDarajaClient, type DarajaClient } from '@/lib/mpesa/client';
import { isDarajaError, isUnknownOutcome } from '@/lib/mpesa/errors';
import { callbackUrl } from '../callback-guard';

const TARGET = 'mpesa_reversal';

/**
 * Sends a QUEUED reversal. Like payouts, the row is claimed QUEUED → UNKNOWN in one UPDATE first, so it is sent
 * at most once; an ambiguous send stays UNKNOWN for Transaction Status.
 */
export async function sendReversal(
  db: Db,
  { reversalId, actor, daraja }: { reversalId: string; actor: Caller | null; daraja?: DarajaClient },
): Promise<ReversalRow | null> {
  const claimed = await transitionReversal(db, { reversalId, from: ['QUEUED'], to: 'UNKNOWN', set: { sentAt: new Date() } });
  if (!claimed) return getReversalById(db, { reversalId });
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAudit(db, { actor, agencyId: claimed.agencyId, action, targetType: TARGET, targetId: claimed.id, details });

  let ack;
  try {
    ack = await (daraja ?? getDarajaClient()).reverseTransaction({
      transactionId: claimed.originalTransactionId,
      amountCents: claimed.amountCents,
      remarks: claimed.remarks,
      resultUrl: callbackUrl('reversal/result'),
      queueTimeoutUrl: callbackUrl('reversal/timeout'),
    });
  } catch (error) {
    if (!(isDarajaError(error)) || isUnknownOutcome(error)) {
      await audit('reversal.send_unknown', { error: error instanceof Error ? error.message : String(error) });
      return getReversalById(db, { reversalId });
    }
    const failed = await transitionReversal(db, {
      reversalId,
      from: ['UNKNOWN'],
      to: 'FAILED',
      set: { resultCode: error.errorCode, resultDescription: error.message, completedAt: new Date() },
    });
    await audit('reversal.send_failed', { kind: error.kind, errorCode: error.errorCode, message: error.message });
    return failed ?? getReversalById(db, { reversalId });
  }

  await db.transaction(async (tx) => {
    await setReversalConversation(tx, { reversalId, conversationId: ack.conversationId, originatorConversationId: ack.originatorConversationId });
    await transitionReversal(tx, { reversalId, from: ['UNKNOWN'], to: 'PENDING' });
    await recordAudit(tx, {
      actor,
      agencyId: claimed.agencyId,
      action: 'reversal.sent',
      targetType: TARGET,
      targetId: claimed.id,
      details: { conversationId: ack.conversationId, originatorConversationId: ack.originatorConversationId },
    });
  });
  return getReversalById(db, { reversalId });
}
