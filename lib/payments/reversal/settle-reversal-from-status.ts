import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { claimOverdueReversals, getReversalById, listStaleQueuedReversals, transitionReversal } from '@/db/queries/mpesa-reversals';
import { getEnv } from '@/lib/env';
import type { TransactionStatusResult } from '@/lib/mpesa/callbacks';
import { getDarajaClient, type DarajaClient } from '@/lib/mpesa/client';
import { statusCallbackUrls, statusOccasion } from '../b2c/query-payout-status';
import type { ProcessResult } from '../inbox-processors';
import { completeReversal } from './apply-reversal-result';
import { sendReversal } from './send-reversal';

const TARGET = 'mpesa_reversal';

/**
 * A reversal without a result is settled by asking Transaction Status about the *original* receipt: M-Pesa reports
 * it `Reversed` once the reversal went through, `Completed` while it has not.
 */
export async function queryOverdueReversals(db: Db, { daraja, now = new Date() }: { daraja?: DarajaClient; now?: Date } = {}): Promise<number> {
  const { resultQueryAfterSeconds, shortcode } = getEnv().mpesa;
  const cutoff = new Date(now.getTime() - resultQueryAfterSeconds * 1000);
  const claimed = await claimOverdueReversals(db, { sentBefore: cutoff, queriedBefore: cutoff });
  for (const reversal of claimed) {
    try {
      const ack = await (daraja ?? getDarajaClient()).queryTransactionStatus({
        transactionId: reversal.originalTransactionId,
        partyA: shortcode,
        identifierType: '4',
        remarks: 'Haven reversal status check',
        occasion: statusOccasion.reversal(reversal.id),
        ...statusCallbackUrls(),
      });
      await recordAudit(db, { actor: null, agencyId: reversal.agencyId, action: 'reversal.status_query', targetType: TARGET, targetId: reversal.id, details: { conversationId: ack.conversationId } });
    } catch (error) {
      await recordAudit(db, {
        actor: null,
        agencyId: reversal.agencyId,
        action: 'reversal.status_query_failed',
        targetType: TARGET,
        targetId: reversal.id,
        details: { error: error instanceof Error ? error.message : String(error) },
      });
    }
  }
  return claimed.length;
}

export async function sendStaleQueuedReversals(db: Db, { daraja, now = new Date() }: { daraja?: DarajaClient; now?: Date } = {}): Promise<void> {
  const stale = await listStaleQueuedReversals(db, { createdBefore: new Date(now.getTime() - 30_000) });
  for (const { id } of stale) await sendReversal(db, { reversalId: id, actor: null, daraja });
}

export async function settleReversalFromStatus(
  db: Db,
  { reversalId, result, inboxId }: { reversalId: string; result: TransactionStatusResult; inboxId: string },
): Promise<ProcessResult> {
  const reversal = await getReversalById(db, { reversalId });
  if (!reversal) return { outcome: 'unmatched', correlationId: result.conversationId };
  const correlationId = reversal.conversationId ?? reversal.id;
  const status = result.transactionStatus ?? '';
  return db.transaction(async (tx) => {
    if (result.resultCode === '0' && /reversed/i.test(status)) {
      const applied = await completeReversal(tx, {
        reversal,
        set: { resultCode: '0', resultDescription: 'Settled by Transaction Status: the payment shows as reversed' },
        details: { inboxId, settledBy: 'transaction-status' },
      });
      return { outcome: applied ? 'applied' : 'duplicate', correlationId } satisfies ProcessResult;
    }
    const notReversed = result.resultCode === '0' && /completed/i.test(status);
    if (notReversed || result.resultCode === '2032') {
      const code = notReversed ? 'NOT_REVERSED' : 'R000002';
      const description = notReversed ? 'M-Pesa shows the payment as not reversed' : 'M-Pesa has no payment with that receipt';
      const failed = await transitionReversal(tx, { reversalId, from: ['PENDING', 'UNKNOWN'], to: 'FAILED', set: { resultCode: code, resultDescription: description, completedAt: new Date() } });
      if (!failed) return { outcome: 'duplicate', correlationId } satisfies ProcessResult;
      await recordAudit(tx, { actor: null, agencyId: reversal.agencyId, action: 'reversal.failed', targetType: TARGET, targetId: reversal.id, details: { inboxId, resultCode: code, settledBy: 'transaction-status' } });
      return { outcome: 'applied', correlationId } satisfies ProcessResult;
    }
    await recordAudit(tx, { actor: null, agencyId: reversal.agencyId, action: 'reversal.status_unsettled', targetType: TARGET, targetId: reversal.id, details: { inboxId, resultCode: result.resultCode, transactionStatus: status } });
    return { outcome: 'applied', correlationId, error: `not settled: ${result.resultCode} ${result.resultDesc}` } satisfies ProcessResult;
  });
}
