import 'server-only';
import type { Db, Tx } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import type { InboxRow } from '@/db/queries/callback-inbox';
import { reallocateLease } from '@/db/queries/ledger';
import { findReversalByConversation, markPaymentReversed, transitionReversal, type ReversalRow } from '@/db/queries/mpesa-reversals';
import { parseQueueTimeout, parseReversalResult, type ReversalResult } from '@/lib/mpesa/callbacks';
import { describeResult } from '@/lib/mpesa/result-codes';
import type { ProcessResult } from '../inbox-processors';

const TARGET = 'mpesa_reversal';
// A result that arrived before we stored the ack's ids waits; after this long nothing will claim it.
const WAIT_FOR_REQUEST_MS = 10 * 60_000;

/** Marks the reversal successful and the payment reversed, then reallocates the lease: the tenant owes it again. */
export async function completeReversal(
  tx: Tx,
  { reversal, set, details }: { reversal: ReversalRow; set: Partial<ReversalRow>; details: Record<string, unknown> },
): Promise<boolean> {
  const done = await transitionReversal(tx, { reversalId: reversal.id, from: ['PENDING', 'UNKNOWN'], to: 'SUCCESS', set: { ...set, completedAt: new Date() } });
  if (!done) return false;
  let leaseId: string | null = null;
  if (done.paymentId) {
    const payment = await markPaymentReversed(tx, { paymentId: done.paymentId, at: done.completedAt ?? new Date() });
    if (payment) {
      leaseId = payment.leaseId;
      await reallocateLease(tx, { leaseId: payment.leaseId });
    }
  }
  await recordAudit(tx, {
    actor: null,
    agencyId: done.agencyId,
    action: 'reversal.succeeded',
    targetType: TARGET,
    targetId: done.id,
    details: { receipt: done.originalTransactionId, paymentId: done.paymentId, leaseId, ...details },
  });
  return true;
}

/** Applies a reversal result (`reversal-result`), idempotently. */
export async function applyReversalResult(db: Db, row: InboxRow): Promise<ProcessResult> {
  let result: ReversalResult;
  try {
    result = parseReversalResult(row.body);
  } catch (error) {
    return { outcome: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
  const correlationId = result.conversationId;
  const reversal = await findReversalByConversation(db, { conversationId: result.conversationId, originatorConversationId: result.originatorConversationId });
  if (!reversal) {
    // Daraja's reversal ids come from its ack: a result can beat our write of them (invariant 2).
    const old = Date.now() - row.receivedAt.getTime() > WAIT_FOR_REQUEST_MS;
    return { outcome: old ? 'unmatched' : 'waiting', correlationId };
  }
  return db.transaction(async (tx) => {
    if (result.resultCode === '0') {
      const problems: string[] = [];
      if (result.originalTransactionId && result.originalTransactionId !== reversal.originalTransactionId) problems.push(`receipt ${result.originalTransactionId}`);
      if (result.amountCents !== undefined && result.amountCents !== reversal.amountCents) problems.push(`amount ${result.amountCents}`);
      if (problems.length > 0) {
        await recordAudit(tx, { actor: null, agencyId: reversal.agencyId, action: 'reversal.result_mismatch', targetType: TARGET, targetId: reversal.id, details: { inboxId: row.id, problems } });
        return { outcome: 'mismatch', correlationId, error: problems.join('; ') } satisfies ProcessResult;
      }
      const debitAccountBalance = result.parameters.DebitAccountBalance;
      const applied = await completeReversal(tx, {
        reversal,
        set: {
          resultCode: '0',
          resultDescription: result.resultDesc,
          debitAccountBalance: debitAccountBalance === null || debitAccountBalance === undefined ? null : String(debitAccountBalance),
        },
        details: { inboxId: row.id, reversalReceipt: result.transactionId },
      });
      return { outcome: applied ? 'applied' : 'duplicate', correlationId } satisfies ProcessResult;
    }
    const failed = await transitionReversal(tx, {
      reversalId: reversal.id,
      from: ['PENDING', 'UNKNOWN'],
      to: 'FAILED',
      set: { resultCode: result.resultCode, resultDescription: result.resultDesc, completedAt: new Date() },
    });
    if (!failed) return { outcome: 'duplicate', correlationId } satisfies ProcessResult;
    const described = describeResult({ api: 'reversal', code: result.resultCode, resultDesc: result.resultDesc });
    await recordAudit(tx, {
      actor: null,
      agencyId: reversal.agencyId,
      action: 'reversal.failed',
      targetType: TARGET,
      targetId: reversal.id,
      details: { inboxId: row.id, resultCode: result.resultCode, resultDesc: result.resultDesc, message: described.message },
    });
    return { outcome: 'applied', correlationId } satisfies ProcessResult;
  });
}

/** A reversal queue timeout (`reversal-timeout`): unknown until Transaction Status says otherwise. */
export async function applyReversalTimeout(db: Db, row: InboxRow): Promise<ProcessResult> {
  const timeout = parseQueueTimeout(row.body);
  const correlationId = timeout.conversationId ?? timeout.originatorConversationId ?? null;
  const reversal = await findReversalByConversation(db, { conversationId: timeout.conversationId, originatorConversationId: timeout.originatorConversationId });
  if (!reversal) return { outcome: Date.now() - row.receivedAt.getTime() > WAIT_FOR_REQUEST_MS ? 'unmatched' : 'waiting', correlationId };
  return db.transaction(async (tx) => {
    const moved = await transitionReversal(tx, { reversalId: reversal.id, from: ['PENDING'], to: 'UNKNOWN' });
    if (!moved) return { outcome: 'duplicate', correlationId } satisfies ProcessResult;
    await recordAudit(tx, { actor: null, agencyId: reversal.agencyId, action: 'reversal.queue_timeout', targetType: TARGET, targetId: reversal.id, details: { inboxId: row.id } });
    return { outcome: 'applied', correlationId } satisfies ProcessResult;
  });
}
