import 'server-only';
import { recordPaymentReversal } from '@/db/queries/ledger';
import {
  findReversalByConversation,
  findUnacknowledgedReversalOf,
  getReversalById,
  lockReversal,
  setReversalConversation,
  transitionReversal,
  updateReversal,
  type ReversalRow,
} from '@/db/queries/mpesa-reversals';
import { parseReversalResult, type ReversalResult } from '@/lib/mpesa/callbacks';
import type { StatusFacts } from '@/lib/mpesa/status-facts';
import { formatKes } from '@/lib/money';
import type { InitiatorKind } from './initiator-kind';
import { recordQueueTimeout, recordReportedResult, type Judgement, type MoneyOutAdapter } from './money-out';
import { enqueueReversalNotice } from '@/lib/messaging/notify-tenant';

/**
 * Reversals of payments into the paybill, in the shared initiator lifecycle. Transaction Status is asked about the
 * *original* receipt: M-Pesa reports it `Reversed` once the reversal went through, `Completed` while it has not.
 */

// `graceMs`: how long after sending M-Pesa may still show the payment not reversed while the reversal is queued.
export function judgeReversal(row: ReversalRow, facts: StatusFacts, { now, graceMs }: { now: Date; graceMs: number }): Judgement {
  if (facts.verdict === 'found' && facts.state === 'reversed') {
    if (facts.amountCents !== null && facts.amountCents !== row.amountCents) {
      return { outcome: 'pending', reason: 'amount differs', mismatch: `Transaction Status shows ${formatKes(facts.amountCents)}, the reversal was for ${formatKes(row.amountCents)}` };
    }
    return { outcome: 'success', reason: 'Settled by Transaction Status: the payment shows as reversed' };
  }
  if (facts.verdict === 'found' && facts.state === 'completed') {
    if (row.reportedOutcome === 'FAILED') return { outcome: 'failure', reason: 'M-Pesa reported a failure and shows the payment as not reversed' };
    if (row.reportedOutcome === 'SUCCESS') {
      return { outcome: 'pending', reason: 'not reversed yet', mismatch: 'M-Pesa reported the reversal done, but Transaction Status shows the payment as not reversed' };
    }
    const sentLongAgo = row.sentAt !== null && now.getTime() - row.sentAt.getTime() > graceMs;
    return sentLongAgo ? { outcome: 'failure', reason: 'M-Pesa shows the payment as not reversed' } : { outcome: 'pending', reason: 'M-Pesa shows the payment as not reversed yet' };
  }
  if (facts.verdict === 'not-found') return { outcome: 'failure', reason: 'M-Pesa has no payment with that receipt' };
  if (facts.verdict === 'found') return { outcome: 'pending', reason: `M-Pesa shows the payment as ${facts.state ?? 'unknown'}` };
  return { outcome: 'pending', reason: `Transaction Status failed: ${facts.resultCode} ${facts.resultDesc}` };
}

export const reversalAdapter: MoneyOutAdapter<ReversalRow> = {
  target: 'reversal',
  audit: { targetType: 'mpesa_reversal', prefix: 'reversal' },
  lock: (tx, id) => lockReversal(tx, { reversalId: id }),
  update: (db, id, set) => updateReversal(db, { reversalId: id, set }),
  transition: (db, { id, from, to, set }) => transitionReversal(db, { reversalId: id, from, to, set }),
  statusQuery: (row, ctx) => ({ shortcode: ctx.shortcode, transactionId: row.originalTransactionId }),
  judge: judgeReversal,
  async onSuccess(tx, row) {
    // The tenant owes the money again: the payment stops settling charges.
    if (!row.paymentId) return { paymentId: null };
    // One ledger call: a correction entry pointing at the payment (once), which reallocates the lease.
    const corrected = await recordPaymentReversal(tx, { paymentId: row.paymentId, mpesaReversalId: row.id, at: row.completedAt ?? new Date() });
    await enqueueReversalNotice(tx, { reversalId: row.id });
    return { paymentId: row.paymentId, leaseId: corrected?.leaseId ?? null };
  },
};

export const reversalKind: InitiatorKind<ReversalRow, ReversalResult> = {
  name: 'reversal',
  audit: reversalAdapter.audit,
  get: (db, id) => getReversalById(db, { reversalId: id }),
  claimForSend: (db, id) => transitionReversal(db, { reversalId: id, from: ['QUEUED'], to: 'UNKNOWN', set: { sentAt: new Date() } }),
  async recordRefusal(db, id, { code, description }) {
    await transitionReversal(db, { reversalId: id, from: ['UNKNOWN'], to: 'FAILED', set: { resultCode: code, resultDescription: description, completedAt: new Date() } });
  },
  async recordAck(tx, id, ack) {
    await setReversalConversation(tx, { reversalId: id, conversationId: ack.conversationId, originatorConversationId: ack.originatorConversationId });
    await transitionReversal(tx, { reversalId: id, from: ['UNKNOWN'], to: 'PENDING' });
  },
  send: (ctx, row) =>
    ctx.client.reverseTransaction({
      transactionId: row.originalTransactionId,
      amountCents: row.amountCents,
      remarks: row.remarks,
      receiverParty: ctx.shortcode,
      resultUrl: ctx.callbackUrl('reversal/result'),
      queueTimeoutUrl: ctx.callbackUrl('reversal/timeout'),
    }),
  parseResult: (body) => parseReversalResult(body),
  // By Daraja's ids; failing that (the app died between sending and storing the ack), by the receipt reversed.
  findForResult: async (db, ids) =>
    (await findReversalByConversation(db, ids)) ?? (ids.originalTransactionId ? await findUnacknowledgedReversalOf(db, { originalTransactionId: ids.originalTransactionId }) : null),
  applyResult: (db, { request, result, inboxId }) =>
    recordReportedResult(db, reversalAdapter, {
      id: request.id,
      outcome: result.resultCode === '0' ? 'SUCCESS' : 'FAILED',
      code: result.resultCode,
      description: result.resultDesc,
      inboxId,
      details: { reversalReceipt: result.transactionId, originalReceipt: result.originalTransactionId ?? null, amountCents: result.amountCents ?? null },
    }),
  applyTimeout: (db, { request, inboxId }) => recordQueueTimeout(db, reversalAdapter, { row: request, inboxId }),
};
