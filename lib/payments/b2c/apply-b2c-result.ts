import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import type { InboxRow } from '@/db/queries/callback-inbox';
import { findPayoutByConversation, insertDepositRefund, setPayoutConversation, transitionPayout } from '@/db/queries/mpesa-b2c';
import { parseB2cResult, parseQueueTimeout, type B2cResult } from '@/lib/mpesa/callbacks';
import { describeResult } from '@/lib/mpesa/result-codes';
import { formatKes } from '@/lib/money';
import type { ProcessResult } from '../inbox-processors';

const TARGET = 'mpesa_b2c';

/** Why a success result does not match the payout we sent (invariant 4: a forged success never moves the books). */
function mismatches(result: B2cResult, payout: { amountCents: number; phone: string }): string[] {
  const problems: string[] = [];
  if (result.amountCents !== undefined && result.amountCents !== payout.amountCents) {
    problems.push(`amount ${formatKes(result.amountCents)} ≠ ${formatKes(payout.amountCents)}`);
  }
  if (result.receiverPhone && /^\d{12}$/.test(result.receiverPhone) && result.receiverPhone !== payout.phone) {
    problems.push(`receiver ${result.receiverPhone} ≠ ${payout.phone}`);
  }
  return problems;
}

/**
 * Applies a B2C result (`b2c-result` inbox rows). Idempotent: the status moves out of PENDING/UNKNOWN once, and
 * the deposit-refund entry is unique per payout, so duplicates change nothing.
 */
export async function applyB2cResult(db: Db, row: InboxRow): Promise<ProcessResult> {
  let result: B2cResult;
  try {
    result = parseB2cResult(row.body);
  } catch (error) {
    return { outcome: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
  const correlationId = result.originatorConversationId;
  const payout = await findPayoutByConversation(db, { originatorConversationId: result.originatorConversationId, conversationId: result.conversationId });
  if (!payout) return { outcome: 'unmatched', correlationId };

  return db.transaction(async (tx) => {
    const audit = (action: string, details: Record<string, unknown>) =>
      recordAudit(tx, { actor: null, agencyId: payout.agencyId, action, targetType: TARGET, targetId: payout.id, details: { inboxId: row.id, ...details } });
    await setPayoutConversation(tx, { payoutId: payout.id, conversationId: result.conversationId });

    if (result.resultCode === '0') {
      const problems = mismatches(result, payout);
      if (problems.length > 0) {
        await audit('payout.result_mismatch', { problems });
        return { outcome: 'mismatch', correlationId, error: problems.join('; ') } satisfies ProcessResult;
      }
      const receipt = result.transactionReceipt ?? result.transactionId;
      const done = await transitionPayout(tx, {
        payoutId: payout.id,
        from: ['PENDING', 'UNKNOWN'],
        to: 'SUCCESS',
        set: {
          transactionId: receipt,
          receiverName: result.receiverName ?? null,
          utilityBalanceAfterCents: result.utilityAccountAvailableCents ?? null,
          resultCode: result.resultCode,
          resultDescription: result.resultDesc,
          completedAt: result.completedAt ?? new Date(),
        },
      });
      if (!done) return { outcome: 'duplicate', correlationId } satisfies ProcessResult;
      const refunded = await insertDepositRefund(tx, { payout: done, description: `Deposit ${done.occasion.toLowerCase()} ${receipt ?? ''} to ${done.phone}`.replace(/\s+/g, ' ') });
      await audit('payout.succeeded', { receipt, receiverName: result.receiverName, utilityBalanceAfterCents: result.utilityAccountAvailableCents, depositRefunded: refunded });
      return { outcome: 'applied', correlationId } satisfies ProcessResult;
    }

    const failed = await transitionPayout(tx, {
      payoutId: payout.id,
      from: ['PENDING', 'UNKNOWN'],
      to: 'FAILED',
      set: { resultCode: result.resultCode, resultDescription: result.resultDesc, completedAt: new Date() },
    });
    if (!failed) return { outcome: 'duplicate', correlationId } satisfies ProcessResult;
    const described = describeResult({ api: 'b2c', code: result.resultCode, resultDesc: result.resultDesc });
    await audit('payout.failed', { resultCode: result.resultCode, resultDesc: result.resultDesc, message: described.message });
    return { outcome: 'applied', correlationId } satisfies ProcessResult;
  });
}

/** A queue timeout (`b2c-timeout`): the outcome is unknown until Transaction Status says otherwise — never resend. */
export async function applyB2cTimeout(db: Db, row: InboxRow): Promise<ProcessResult> {
  const timeout = parseQueueTimeout(row.body);
  const payout = await findPayoutByConversation(db, { originatorConversationId: timeout.originatorConversationId, conversationId: timeout.conversationId });
  const correlationId = timeout.originatorConversationId ?? timeout.conversationId ?? null;
  if (!payout) return { outcome: 'unmatched', correlationId };
  return db.transaction(async (tx) => {
    const moved = await transitionPayout(tx, { payoutId: payout.id, from: ['PENDING'], to: 'UNKNOWN' });
    if (!moved) return { outcome: 'duplicate', correlationId } satisfies ProcessResult;
    await recordAudit(tx, {
      actor: null,
      agencyId: payout.agencyId,
      action: 'payout.queue_timeout',
      targetType: TARGET,
      targetId: payout.id,
      details: { inboxId: row.id, resultCode: timeout.resultCode ?? null, resultDesc: timeout.resultDesc ?? null },
    });
    return { outcome: 'applied', correlationId } satisfies ProcessResult;
  });
}
