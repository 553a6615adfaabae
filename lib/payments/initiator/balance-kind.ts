import 'server-only';
import type { Tx } from '@/db/client';
import { getAgency } from '@/db/queries/agency-settings';
import { recordAudit } from '@/db/queries/audit';
import {
  completeBalanceCheck,
  findBalanceCheckByConversation,
  getBalanceCheckById,
  setBalanceCheckConversation,
  transitionBalanceCheck,
  type BalanceCheckRow,
} from '@/db/queries/mpesa-balance';
import { enqueueLowBalanceAlert } from '@/lib/messaging/notify-admins';
import { parseAccountBalanceResult, type AccountBalanceResult } from '@/lib/mpesa/callbacks';
import { describeResult } from '@/lib/mpesa/result-codes';
import { utilityAccount } from '../balance/balance-accounts';
import type { InitiatorKind } from './initiator-kind';

/**
 * Money out (refunds, payouts) leaves from the utility account: when it holds less than the agency's low-balance
 * threshold, the next large refund may fail with "insufficient balance", so the admins are told (once a day).
 */
async function alertIfLow(tx: Tx, { agencyId, shortcode, availableCents }: { agencyId: string; shortcode: string; availableCents: number }): Promise<void> {
  const agency = await getAgency(tx, { agencyId });
  if (!agency || availableCents >= agency.lowBalanceThresholdCents) return;
  await enqueueLowBalanceAlert(tx, { agencyId, shortcode, availableCents, thresholdCents: agency.lowBalanceThresholdCents });
}

/**
 * Account Balance queries in the shared lifecycle. A balance query moves no money: it is sent once, and a result
 * is applied as it comes (a forged one could only show a wrong figure, matched by Daraja's own ConversationID).
 */
export const balanceKind: InitiatorKind<BalanceCheckRow, AccountBalanceResult> = {
  name: 'balance',
  audit: { targetType: 'mpesa_balance_check', prefix: 'balance' },
  get: (db, id) => getBalanceCheckById(db, { checkId: id }),
  claimForSend: (db, id) => transitionBalanceCheck(db, { checkId: id, from: ['QUEUED'], to: 'PENDING', set: { sentAt: new Date() } }),
  async recordRefusal(db, id, { code, description }) {
    await completeBalanceCheck(db, { checkId: id, set: { status: 'FAILED', resultCode: code, resultDescription: description } });
  },
  async recordAck(tx, id, ack) {
    await setBalanceCheckConversation(tx, { checkId: id, conversationId: ack.conversationId, originatorConversationId: ack.originatorConversationId });
  },
  send: (ctx, row) =>
    ctx.client.queryAccountBalance({
      shortcode: row.shortcode,
      remarks: 'Haven paybill balance check',
      resultUrl: ctx.callbackUrl('balance/result'),
      queueTimeoutUrl: ctx.callbackUrl('balance/timeout'),
    }),
  parseResult: (body) => parseAccountBalanceResult(body),
  findForResult: (db, ids) => findBalanceCheckByConversation(db, ids),
  async applyResult(db, { request, result, inboxId }) {
    const correlationId = result.conversationId;
    return db.transaction(async (tx) => {
      const success = result.resultCode === '0';
      const raw = result.parameters.AccountBalance;
      const done = await completeBalanceCheck(tx, {
        checkId: request.id,
        set: success
          ? {
              status: 'SUCCESS',
              rawBalance: raw === null || raw === undefined ? null : String(raw),
              accounts: result.accounts,
              availableBalanceCents: utilityAccount(result.accounts)?.availableCents ?? null,
              resultCode: result.resultCode,
              resultDescription: result.resultDesc,
            }
          : { status: 'FAILED', resultCode: result.resultCode, resultDescription: result.errorMessage?.trim() || result.resultDesc },
      });
      if (!done) return { outcome: 'duplicate' as const, correlationId, agencyId: request.agencyId };
      await recordAudit(tx, {
        actor: null,
        agencyId: request.agencyId,
        action: success ? 'balance.succeeded' : 'balance.failed',
        targetType: 'mpesa_balance_check',
        targetId: request.id,
        details: success
          ? { inboxId, availableBalanceCents: done.availableBalanceCents, accounts: result.accounts.map((a) => a.name) }
          : { inboxId, resultCode: result.resultCode, message: describeResult({ api: 'balance', code: result.resultCode, resultDesc: result.resultDesc }).message },
      });
      if (success && done.availableBalanceCents !== null) await alertIfLow(tx, { agencyId: request.agencyId, shortcode: request.shortcode, availableCents: done.availableBalanceCents });
      return { outcome: 'applied' as const, correlationId, agencyId: request.agencyId };
    });
  },
  async applyTimeout(db, { request, inboxId }) {
    const done = await completeBalanceCheck(db, { checkId: request.id, set: { status: 'UNKNOWN', resultDescription: 'The balance query timed out at M-Pesa' } });
    if (done) await recordAudit(db, { actor: null, agencyId: request.agencyId, action: 'balance.queue_timeout', targetType: 'mpesa_balance_check', targetId: request.id, details: { inboxId } });
    return { outcome: done ? 'applied' : 'duplicate', correlationId: request.conversationId, agencyId: request.agencyId };
  },
};
