import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { completeBalanceCheck, findRecentPendingCheck, getBalanceCheck, insertBalanceCheck, setBalanceCheckConversation, type BalanceCheckRow } from '@/db/queries/mpesa-balance';
import type { Caller } from '@/lib/auth/caller';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getDarajaClient, type DarajaClient } from '@/lib/mpesa/client';
import { isDarajaError } from '@/lib/mpesa/errors';
import { callbackUrl } from '../callback-guard';

// A second Refresh within this window joins the query already on its way instead of starting another.
const JOIN_PENDING_MS = 30_000;

/** Starts an Account Balance query of the agency's paybill (admins only); the result arrives by callback. */
export async function requestBalanceCheck(db: Db, { caller, daraja }: { caller: Caller; daraja?: DarajaClient }): Promise<BalanceCheckRow> {
  if (caller.role !== 'admin') throw new AppError('not_found', 'Not found');
  const pending = await findRecentPendingCheck(db, { agencyId: caller.agencyId, since: new Date(Date.now() - JOIN_PENDING_MS) });
  if (pending) return pending;

  const { shortcode } = getEnv().mpesa;
  const check = await db.transaction(async (tx) => {
    const row = await insertBalanceCheck(tx, { agencyId: caller.agencyId, shortcode, requestedBy: caller.id, status: 'PENDING' });
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'balance.requested', targetType: 'mpesa_balance_check', targetId: row.id, details: { shortcode } });
    return row;
  });
  try {
    const ack = await (daraja ?? getDarajaClient()).queryAccountBalance({
      shortcode,
      remarks: 'Haven paybill balance check',
      resultUrl: callbackUrl('balance/result'),
      queueTimeoutUrl: callbackUrl('balance/timeout'),
    });
    await setBalanceCheckConversation(db, { checkId: check.id, conversationId: ack.conversationId, originatorConversationId: ack.originatorConversationId });
  } catch (error) {
    // A balance query moves no money, so any failure to send simply ends the check.
    const message = error instanceof Error ? error.message : String(error);
    await completeBalanceCheck(db, {
      checkId: check.id,
      set: { status: 'FAILED', resultCode: isDarajaError(error) ? error.errorCode : null, resultDescription: message },
    });
    await recordAudit(db, { actor: caller, agencyId: caller.agencyId, action: 'balance.send_failed', targetType: 'mpesa_balance_check', targetId: check.id, details: { error: message } });
  }
  return (await getBalanceCheck(db, { agencyId: caller.agencyId, checkId: check.id })) ?? check;
}
