import 'server-only';
import {
  findPayoutByConversation,
  getPayoutById,
  insertDepositRefund,
  lockPayout,
  setPayoutConversation,
  transitionPayout,
  updatePayout,
  type PayoutRow,
} from '@/db/queries/mpesa-b2c';
import { parseB2cResult, type B2cResult } from '@/lib/mpesa/callbacks';
import type { StatusFacts } from '@/lib/mpesa/status-facts';
import { formatKes } from '@/lib/money';
import { commandIdFor } from '../b2c/payout-input';
import type { InitiatorKind } from './initiator-kind';
import { recordQueueTimeout, recordReportedResult, type Judgement, type MoneyOutAdapter } from './money-out';
import { enqueueRefundNotice } from '@/lib/messaging/notify-tenant';

/** B2C payouts (deposit refunds and general payouts) in the shared initiator lifecycle. */

// `graceMs`: how long after sending M-Pesa may still not know a payout no result mentioned (queued at M-Pesa).
export function judgePayout(row: PayoutRow, facts: StatusFacts, { now, graceMs }: { now: Date; graceMs: number }): Judgement {
  if (facts.verdict === 'found' && facts.state === 'completed') {
    const problems: string[] = [];
    if (facts.amountCents !== null && facts.amountCents !== row.amountCents) problems.push(`amount ${formatKes(facts.amountCents)} instead of ${formatKes(row.amountCents)}`);
    if (facts.receiverMsisdn && facts.receiverMsisdn !== row.phone) problems.push(`recipient ${facts.receiverMsisdn} instead of ${row.phone}`);
    if (problems.length > 0) return { outcome: 'pending', reason: 'Transaction Status does not match the payout', mismatch: `Transaction Status shows ${problems.join(', ')}` };
    return { outcome: 'success', reason: 'Settled by Transaction Status: completed' };
  }
  if (facts.verdict === 'not-found') {
    if (row.reportedOutcome === 'FAILED') return { outcome: 'failure', reason: 'M-Pesa reported a failure and has no record of the payout' };
    if (row.reportedOutcome === 'SUCCESS') {
      return { outcome: 'pending', reason: 'no record yet', mismatch: 'M-Pesa reported the payout sent, but Transaction Status has no record of it' };
    }
    const sentLongAgo = row.sentAt !== null && now.getTime() - row.sentAt.getTime() > graceMs;
    return sentLongAgo
      ? { outcome: 'failure', reason: 'M-Pesa has no record of this payout, so no money was sent' }
      : { outcome: 'pending', reason: 'M-Pesa has no record of this payout yet' };
  }
  if (facts.verdict === 'found') return { outcome: 'pending', reason: `M-Pesa shows the payout as ${facts.state ?? 'unknown'}` };
  return { outcome: 'pending', reason: `Transaction Status failed: ${facts.resultCode} ${facts.resultDesc}` };
}

export const payoutAdapter: MoneyOutAdapter<PayoutRow> = {
  target: 'payout',
  audit: { targetType: 'mpesa_b2c', prefix: 'payout' },
  lock: (tx, id) => lockPayout(tx, { payoutId: id }),
  update: (db, id, set) => updatePayout(db, { payoutId: id, set }),
  transition: (db, { id, from, to, set }) => transitionPayout(db, { payoutId: id, from, to, set }),
  statusQuery: (row, ctx) => ({ shortcode: row.shortcode || ctx.b2cShortcode, originalConversationId: row.originatorConversationId }),
  judge: judgePayout,
  async onSuccess(tx, row, facts) {
    // The receipt and name Transaction Status gives are the proven ones; the result callback's were only claims.
    const receipt = facts.receipt ?? row.transactionId;
    await updatePayout(tx, { payoutId: row.id, set: { transactionId: receipt, receiverName: facts.receiverName ?? row.receiverName } });
    const description = `Deposit ${row.occasion.toLowerCase()} ${receipt ?? ''} to ${row.phone}`.replace(/\s+/g, ' ');
    const depositRefunded = await insertDepositRefund(tx, { payout: row, description });
    await enqueueRefundNotice(tx, { payoutId: row.id });
    return { depositRefunded, amountCents: row.amountCents };
  },
};

export const payoutKind: InitiatorKind<PayoutRow, B2cResult> = {
  name: 'payout',
  audit: payoutAdapter.audit,
  get: (db, id) => getPayoutById(db, { payoutId: id }),
  claimForSend: (db, id) => transitionPayout(db, { payoutId: id, from: ['QUEUED'], to: 'UNKNOWN', set: { sentAt: new Date() } }),
  async recordRefusal(db, id, { code, description }) {
    await transitionPayout(db, { payoutId: id, from: ['UNKNOWN'], to: 'FAILED', set: { resultCode: code, resultDescription: description, completedAt: new Date() } });
  },
  async recordAck(tx, id, ack) {
    await setPayoutConversation(tx, { payoutId: id, conversationId: ack.conversationId });
    await transitionPayout(tx, { payoutId: id, from: ['UNKNOWN'], to: 'PENDING' });
  },
  send: (ctx, row) =>
    ctx.client.b2cPayment({
      originatorConversationId: row.originatorConversationId,
      phoneNumber: row.phone,
      amountCents: row.amountCents,
      commandId: commandIdFor(row.occasion),
      remarks: row.remarks,
      occasion: row.occasion,
      resultUrl: ctx.callbackUrl('b2c/result'),
      queueTimeoutUrl: ctx.callbackUrl('b2c/timeout'),
    }),
  parseResult: (body) => parseB2cResult(body),
  findForResult: (db, ids) => findPayoutByConversation(db, ids),
  async applyResult(db, { request, result, inboxId }) {
    // The name and balance a success result carries are shown while Transaction Status confirms; they settle nothing.
    if (result.resultCode === '0') {
      await updatePayout(db, {
        payoutId: request.id,
        set: { receiverName: request.receiverName ?? result.receiverName ?? null, utilityBalanceAfterCents: result.utilityAccountAvailableCents ?? request.utilityBalanceAfterCents },
      });
    }
    return recordReportedResult(db, payoutAdapter, {
      id: request.id,
      outcome: result.resultCode === '0' ? 'SUCCESS' : 'FAILED',
      code: result.resultCode,
      description: result.resultDesc,
      inboxId,
      details: { receipt: result.transactionReceipt ?? null, amountCents: result.amountCents ?? null, receiverPhone: result.receiverPhone ?? null },
    });
  },
  applyTimeout: (db, { request, inboxId }) => recordQueueTimeout(db, payoutAdapter, { row: request, inboxId }),
};
