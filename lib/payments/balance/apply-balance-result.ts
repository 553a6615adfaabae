import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import type { InboxRow } from '@/db/queries/callback-inbox';
import { completeBalanceCheck, expirePendingChecks, findBalanceCheckByConversation } from '@/db/queries/mpesa-balance';
import { parseAccountBalanceResult, parseQueueTimeout, type AccountBalanceResult } from '@/lib/mpesa/callbacks';
import { describeResult } from '@/lib/mpesa/result-codes';
import type { ProcessResult } from '../inbox-processors';
import { utilityAccount } from './balance-accounts';

const WAIT_FOR_REQUEST_MS = 10 * 60_000;
// A balance query nobody answered within this long is closed; the admin can simply refresh again.
const EXPIRE_PENDING_MS = 2 * 60_000;

/** Applies an Account Balance result (`balance-result`), once. */
export async function applyBalanceResult(db: Db, row: InboxRow): Promise<ProcessResult> {
  let result: AccountBalanceResult;
  try {
    result = parseAccountBalanceResult(row.body);
  } catch (error) {
    return { outcome: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
  const correlationId = result.conversationId;
  const check = await findBalanceCheckByConversation(db, { conversationId: result.conversationId, originatorConversationId: result.originatorConversationId });
  if (!check) return { outcome: Date.now() - row.receivedAt.getTime() > WAIT_FOR_REQUEST_MS ? 'unmatched' : 'waiting', correlationId };

  return db.transaction(async (tx) => {
    const success = result.resultCode === '0';
    const raw = result.parameters.AccountBalance;
    const done = await completeBalanceCheck(tx, {
      checkId: check.id,
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
    if (!done) return { outcome: 'duplicate', correlationId } satisfies ProcessResult;
    await recordAudit(tx, {
      actor: null,
      agencyId: check.agencyId,
      action: success ? 'balance.succeeded' : 'balance.failed',
      targetType: 'mpesa_balance_check',
      targetId: check.id,
      details: success
        ? { inboxId: row.id, availableBalanceCents: done.availableBalanceCents, accounts: result.accounts.map((a) => a.name) }
        : { inboxId: row.id, resultCode: result.resultCode, message: describeResult({ api: 'balance', code: result.resultCode, resultDesc: result.resultDesc }).message },
    });
    return { outcome: 'applied', correlationId } satisfies ProcessResult;
  });
}

/** A balance queue timeout (`balance-timeout`): nothing moved, so the check just ends as UNKNOWN. */
export async function applyBalanceTimeout(db: Db, row: InboxRow): Promise<ProcessResult> {
  const timeout = parseQueueTimeout(row.body);
  const correlationId = timeout.conversationId ?? null;
  const check = await findBalanceCheckByConversation(db, { conversationId: timeout.conversationId, originatorConversationId: timeout.originatorConversationId });
  if (!check) return { outcome: Date.now() - row.receivedAt.getTime() > WAIT_FOR_REQUEST_MS ? 'unmatched' : 'waiting', correlationId };
  const done = await completeBalanceCheck(db, { checkId: check.id, set: { status: 'UNKNOWN', resultDescription: 'The balance query timed out at M-Pesa' } });
  if (done) {
    await recordAudit(db, { actor: null, agencyId: check.agencyId, action: 'balance.queue_timeout', targetType: 'mpesa_balance_check', targetId: check.id, details: { inboxId: row.id } });
  }
  return { outcome: done ? 'applied' : 'duplicate', correlationId };
}

/** Sweep: closes balance checks that never got an answer, so the widget stops showing progress. */
export async function expireUnansweredBalanceChecks(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<void> {
  const expired = await expirePendingChecks(db, { createdBefore: new Date(now.getTime() - EXPIRE_PENDING_MS) });
  for (const check of expired) {
    await recordAudit(db, { actor: null, agencyId: check.agencyId, action: 'balance.unanswered', targetType: 'mpesa_balance_check', targetId: check.id });
  }
}
