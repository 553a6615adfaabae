import 'server-only';
import type { Db } from '@/db/client';
import {
  findOpenStatusQueryForTarget,
  findStatusQueryByConversation,
  getStatusQuery,
  transitionStatusQuery,
  type StatusQueryRow,
} from '@/db/queries/mpesa-status-queries';
import { parseTransactionStatusResult, type TransactionStatusResult } from '@/lib/mpesa/callbacks';
import { readStatusFacts, type StatusFacts } from '@/lib/mpesa/status-facts';
import type { ProcessResult } from '../inbox-processors';
import type { InitiatorKind } from './initiator-kind';
import { parseStatusOccasion } from './request-status-query';

/** Hands what Transaction Status proved to the request it was asked for (imported lazily: they import us to ask). */
async function settleTarget(db: Db, query: StatusQueryRow, facts: StatusFacts, inboxId: string): Promise<ProcessResult> {
  switch (query.targetKind) {
    case 'payout': {
      const [{ settleMoneyOutFromStatus }, { payoutAdapter }] = await Promise.all([import('./money-out'), import('./payout-kind')]);
      return settleMoneyOutFromStatus(db, payoutAdapter, { id: query.targetId, facts, inboxId });
    }
    case 'reversal': {
      const [{ settleMoneyOutFromStatus }, { reversalAdapter }] = await Promise.all([import('./money-out'), import('./reversal-kind')]);
      return settleMoneyOutFromStatus(db, reversalAdapter, { id: query.targetId, facts, inboxId });
    }
    case 'receipt': {
      const { applyReceiptFacts } = await import('../receipts/apply-receipt-facts');
      return applyReceiptFacts(db, { checkId: query.targetId, facts, inboxId });
    }
  }
}

export const statusKind: InitiatorKind<StatusQueryRow, TransactionStatusResult> = {
  name: 'status',
  audit: { targetType: 'mpesa_status_query', prefix: 'status_query' },
  get: (db, id) => getStatusQuery(db, { id }),
  claimForSend: (db, id) => transitionStatusQuery(db, { id, from: ['QUEUED'], to: 'UNKNOWN', set: { sentAt: new Date() } }),
  async recordRefusal(db, id, { code, description }) {
    await transitionStatusQuery(db, { id, from: ['UNKNOWN'], to: 'FAILED', set: { resultCode: code, resultDescription: description, answeredAt: new Date() } });
  },
  async recordAck(tx, id, ack) {
    await transitionStatusQuery(tx, {
      id,
      from: ['UNKNOWN'],
      to: 'PENDING',
      set: { conversationId: ack.conversationId, originatorConversationId: ack.originatorConversationId },
    });
  },
  send: (ctx, row) =>
    ctx.client.queryTransactionStatus({
      ...(row.transactionId ? { transactionId: row.transactionId } : {}),
      ...(row.originalConversationId ? { originalConversationId: row.originalConversationId } : {}),
      partyA: row.shortcode,
      identifierType: '4',
      remarks: 'Haven status check',
      occasion: row.occasion,
      resultUrl: ctx.callbackUrl('transaction-status/result'),
      queueTimeoutUrl: ctx.callbackUrl('transaction-status/timeout'),
    }),
  parseResult: (body) => parseTransactionStatusResult(body),
  async findForResult(db, result) {
    const byIds = await findStatusQueryByConversation(db, { conversationId: result.conversationId, originatorConversationId: result.originatorConversationId });
    if (byIds) return byIds;
    // Occasion only for a query whose acknowledgement never got stored (the process died mid-send): once we hold
    // the ids Daraja gave us, nothing else can settle the request, so a forged result naming it cannot either.
    const target = parseStatusOccasion(result.occasion);
    if (!target) return null;
    const open = await findOpenStatusQueryForTarget(db, target);
    return open && open.conversationId === null ? open : null;
  },
  async applyResult(db, { request, result, inboxId }) {
    const answered = await transitionStatusQuery(db, {
      id: request.id,
      from: ['QUEUED', 'UNKNOWN', 'PENDING', 'TIMEOUT'],
      to: 'ANSWERED',
      set: {
        resultCode: result.resultCode,
        resultDescription: result.resultDesc,
        answeredAt: new Date(),
        ...(request.conversationId ? {} : { conversationId: result.conversationId, originatorConversationId: result.originatorConversationId }),
      },
    });
    // The query is marked answered before its target is settled (another transaction). When settling failed, this
    // row comes back for a retry with the query already ANSWERED by this very result: settle again (the targets are
    // idempotent) rather than call it a duplicate, which threw M-Pesa's proof away until the next re-query.
    const retried = !answered && request.status === 'ANSWERED' && request.conversationId === result.conversationId && request.resultCode === result.resultCode;
    const query = answered ?? (retried ? request : null);
    if (!query) return { outcome: 'duplicate', correlationId: result.conversationId, agencyId: request.agencyId };
    const settled = await settleTarget(db, query, readStatusFacts(result), inboxId);
    // Money went out: check the balance again, so what the admin sees (and the daily proof) stays true.
    if (settled.outcome === 'applied' && !settled.error && query.targetKind !== 'receipt' && query.agencyId) {
      const { startBalanceCheck } = await import('../balance/request-balance-check');
      await startBalanceCheck(db, { agencyId: query.agencyId, actor: null, reason: `after a ${query.targetKind}` }).catch((error: unknown) => {
        console.warn('Balance check after money went out failed to start', error);
      });
    }
    return { ...settled, correlationId: result.conversationId, agencyId: settled.agencyId ?? request.agencyId };
  },
  async applyTimeout(db, { request }) {
    // Nothing was learned: the target's sweep asks again at its next interval.
    const moved = await transitionStatusQuery(db, { id: request.id, from: ['QUEUED', 'UNKNOWN', 'PENDING'], to: 'TIMEOUT', set: { answeredAt: new Date() } });
    return { outcome: moved ? 'applied' : 'duplicate', correlationId: request.conversationId, agencyId: request.agencyId };
  },
};
