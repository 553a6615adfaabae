import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import type { InboxRow } from '@/db/queries/callback-inbox';
import { findPayoutByConversation, getPayoutById, insertDepositRefund, transitionPayout, type PayoutRow } from '@/db/queries/mpesa-b2c';
import { parseTransactionStatusResult, splitPublicName, type TransactionStatusResult } from '@/lib/mpesa/callbacks';
import { settleReversalFromStatus } from '../reversal/settle-reversal-from-status';
import type { ProcessResult } from '../inbox-processors';
import { statusOccasion } from './query-payout-status';

// "The transaction receipt number does not exist" (SPEC §8): M-Pesa has no such transaction.
const NOT_FOUND = '2032';

/** Applies a Transaction Status result (`status-result`) to the payout or reversal it was asked for. */
export async function applyStatusResult(db: Db, row: InboxRow): Promise<ProcessResult> {
  let result: TransactionStatusResult;
  try {
    result = parseTransactionStatusResult(row.body);
  } catch (error) {
    return { outcome: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
  const target = statusOccasion.parse(result.occasion);
  if (target?.kind === 'reversal') return settleReversalFromStatus(db, { reversalId: target.id, result, inboxId: row.id });
  const payout = target
    ? await getPayoutById(db, { payoutId: target.id })
    : await findPayoutByConversation(db, { originatorConversationId: result.queriedOriginatorConversationId });
  if (!payout) return { outcome: 'unmatched', correlationId: result.conversationId };
  return settlePayoutFromStatus(db, { payout, result, inboxId: row.id });
}

async function settlePayoutFromStatus(
  db: Db,
  { payout, result, inboxId }: { payout: PayoutRow; result: TransactionStatusResult; inboxId: string },
): Promise<ProcessResult> {
  const correlationId = payout.originatorConversationId;
  return db.transaction(async (tx) => {
    const audit = (action: string, details: Record<string, unknown>) =>
      recordAudit(tx, { actor: null, agencyId: payout.agencyId, action, targetType: 'mpesa_b2c', targetId: payout.id, details: { inboxId, ...details } });

    if (result.resultCode === '0' && /completed/i.test(result.transactionStatus ?? '')) {
      if (result.amountCents !== undefined && result.amountCents !== payout.amountCents) {
        await audit('payout.status_mismatch', { amountCents: result.amountCents });
        return { outcome: 'mismatch', correlationId, error: 'amount differs from the payout' } satisfies ProcessResult;
      }
      const receipt = result.receiptNo ?? result.transactionId;
      const done = await transitionPayout(tx, {
        payoutId: payout.id,
        from: ['PENDING', 'UNKNOWN'],
        to: 'SUCCESS',
        set: {
          transactionId: receipt,
          receiverName: splitPublicName(result.creditPartyName).name ?? null,
          resultCode: '0',
          resultDescription: 'Settled by Transaction Status: completed',
          completedAt: result.finalisedAt ?? new Date(),
        },
      });
      if (!done) return { outcome: 'duplicate', correlationId } satisfies ProcessResult;
      await insertDepositRefund(tx, { payout: done, description: `Deposit ${done.occasion.toLowerCase()} ${receipt ?? ''} to ${done.phone}`.replace(/\s+/g, ' ') });
      await audit('payout.succeeded', { receipt, settledBy: 'transaction-status' });
      return { outcome: 'applied', correlationId } satisfies ProcessResult;
    }

    if (result.resultCode === NOT_FOUND) {
      const failed = await transitionPayout(tx, {
        payoutId: payout.id,
        from: ['PENDING', 'UNKNOWN'],
        to: 'FAILED',
        set: { resultCode: NOT_FOUND, resultDescription: 'M-Pesa has no record of this payout, so no money was sent', completedAt: new Date() },
      });
      if (!failed) return { outcome: 'duplicate', correlationId } satisfies ProcessResult;
      await audit('payout.failed', { resultCode: NOT_FOUND, settledBy: 'transaction-status' });
      return { outcome: 'applied', correlationId } satisfies ProcessResult;
    }

    // The query itself failed (credentials, busy…) or the transaction is in another state: the next sweep asks again.
    await audit('payout.status_unsettled', { resultCode: result.resultCode, resultDesc: result.resultDesc, transactionStatus: result.transactionStatus ?? null });
    return { outcome: 'applied', correlationId, error: `not settled: ${result.resultCode} ${result.resultDesc}` } satisfies ProcessResult;
  });
}
