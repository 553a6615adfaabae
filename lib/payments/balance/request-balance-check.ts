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
  return startBalanceCheck(db, { agencyId: caller.agencyId, actor: caller, reason: 'requested', mpesa });
}

/**
 * A balance check Haven makes by itself: at the start of each Nairobi day (the daily proof's opening and closing
 * balances) and after money goes out (so the balance shown stays true).
 */
export async function startBalanceCheck(
  db: Db,
  { agencyId, actor, reason, mpesa }: { agencyId: string; actor: Caller | null; reason: string; mpesa?: MpesaContext },
): Promise<BalanceCheckRow> {
  const pending = await findRecentPendingCheck(db, { agencyId, since: new Date(Date.now() - JOIN_PENDING_MS) });
  if (pending) return pending;
  // The paybill's own balance: rent comes in here, and (by default) refunds and payouts go out from here.
  const ctx = mpesa ?? (await getMpesaContext(db, { agencyId }));
  const shortcode = ctx.shortcode;
  const check = await db.transaction(async (tx) => {
    const row = await insertBalanceCheck(tx, { agencyId, shortcode, requestedBy: actor?.id ?? null, status: 'QUEUED' });
    await recordAudit(tx, { actor, agencyId, action: 'balance.requested', targetType: 'mpesa_balance_check', targetId: row.id, details: { shortcode, reason } });
    return row;
  });
  await sendInitiatorRequest(db, balanceKind, { id: check.id, actor, mpesa: ctx });
  return (await getBalanceCheck(db, { agencyId, checkId: check.id })) ?? check;
}
