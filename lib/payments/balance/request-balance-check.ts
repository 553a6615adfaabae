import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findRecentPendingCheck, getBalanceCheck, insertBalanceCheck, type BalanceCheckRow } from '@/db/queries/mpesa-balance';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { balanceKind } from '../initiator/balance-kind';
import { sendInitiatorRequest } from '../initiator/send-initiator-request';
import { getMpesaContext, type MpesaContext } from '../mpesa-context';

// A second Refresh within this window joins the query already on its way instead of starting another.
const JOIN_PENDING_MS = 30_000;

/** Starts an Account Balance query of the agency's paybill (admins only); the result arrives by callback. */
export async function requestBalanceCheck(db: Db, { caller, mpesa }: { caller: Caller; mpesa?: MpesaContext }): Promise<BalanceCheckRow> {
  if (caller.role !== 'admin') throw new AppError('not_found', 'Not found');
  const pending = await findRecentPendingCheck(db, { agencyId: caller.agencyId, since: new Date(Date.now() - JOIN_PENDING_MS) });
  if (pending) return pending;

  const ctx = mpesa ?? (await getMpesaContext(db, { agencyId: caller.agencyId }));
  const shortcode = ctx.b2cShortcode;
  const check = await db.transaction(async (tx) => {
    const row = await insertBalanceCheck(tx, { agencyId: caller.agencyId, shortcode, requestedBy: caller.id, status: 'QUEUED' });
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'balance.requested', targetType: 'mpesa_balance_check', targetId: row.id, details: { shortcode } });
    return row;
  });
  await sendInitiatorRequest(db, balanceKind, { id: check.id, actor: caller, mpesa: ctx });
  return (await getBalanceCheck(db, { agencyId: caller.agencyId, checkId: check.id })) ?? check;
}
