import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getPayoutById, lockPayout, transitionPayout, type PayoutRow } from '@/db/queries/mpesa-b2c';
import { getReversalById, lockReversal, transitionReversal, type ReversalRow } from '@/db/queries/mpesa-reversals';
import { getUserById } from '@/db/queries/users';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { normalizeKenyanPhone } from '@/lib/phone';
import { payoutKind } from '../initiator/payout-kind';
import { reversalKind } from '../initiator/reversal-kind';
import { sendInitiatorRequest } from '../initiator/send-initiator-request';
import type { MpesaContext } from '../mpesa-context';
import { isUuid } from '@/lib/validation/uuid';

/**
 * The second person's decision on money going out (invariant 5): an admin of the same agency, never the
 * requester, approves a payout or reversal waiting for approval (then it is sent) or rejects it (nothing is sent).
 * Nor may an admin approve money going to their own phone. Both are checked on the row locked in the approving
 * transaction, and the database refuses approved_by = requested_by whatever path sets it.
 */

export const SELF_APPROVAL_MESSAGE = 'You cannot approve your own request: another admin must approve it';
export const OWN_PHONE_APPROVAL_MESSAGE = 'This money goes to your own phone: another admin must approve it';

export type Decided = { kind: 'payout'; payout: PayoutRow } | { kind: 'reversal'; reversal: ReversalRow };

/**
 * Which kind of request an id may name: the REST routes (`/payouts/{id}/…`, `/reversals/{id}/…`) name one kind and
 * answer 404 for the other; the older `/mpesa/payouts/{id}/…` paths take either (kept as they were).
 */
export type RequestKind = 'payout' | 'reversal';

async function findRequest(db: Db, { caller, requestId, kind }: { caller: Caller; requestId: string; kind?: RequestKind }) {
  if (caller.role !== 'admin') throw new AppError('not_found', 'Not found');
  if (!isUuid(requestId)) throw notFound('That request');
  const payout = kind === 'reversal' ? null : await getPayoutById(db, { payoutId: requestId });
  if (payout && payout.agencyId === caller.agencyId) return { kind: 'payout' as const, row: payout };
  const reversal = kind === 'payout' ? null : await getReversalById(db, { reversalId: requestId });
  if (reversal && reversal.agencyId === caller.agencyId) return { kind: 'reversal' as const, row: reversal };
  throw notFound('That request');
}

export async function approveRequest(
  db: Db,
  { caller, requestId, kind, mpesa }: { caller: Caller; requestId: string; kind?: RequestKind; mpesa?: MpesaContext },
): Promise<Decided> {
  const found = await findRequest(db, { caller, requestId, kind });
  const set = { approvedBy: caller.id, approvedAt: new Date() };
  const targetType = found.kind === 'payout' ? 'mpesa_b2c' : 'mpesa_reversal';

  const approved = await db.transaction(async (tx) => {
    const locked = found.kind === 'payout' ? await lockPayout(tx, { payoutId: requestId }) : await lockReversal(tx, { reversalId: requestId });
    if (!locked) throw notFound('That request');
    if (locked.requestedBy === caller.id) throw new AppError('forbidden', SELF_APPROVAL_MESSAGE);
    const recipient = 'phone' in locked ? locked.phone : locked.recipientPhone;
    const approver = await getUserById(tx, { userId: caller.id });
    const own = approver?.phone ? normalizeKenyanPhone(approver.phone) : null;
    if (recipient && own?.ok && own.msisdn === recipient) throw new AppError('forbidden', OWN_PHONE_APPROVAL_MESSAGE);
    if (locked.status !== 'AWAITING_APPROVAL') throw new AppError('conflict', 'This request is not waiting for approval any more');
    const row =
      found.kind === 'payout'
        ? await transitionPayout(tx, { payoutId: requestId, from: ['AWAITING_APPROVAL'], to: 'QUEUED', set })
        : await transitionReversal(tx, { reversalId: requestId, from: ['AWAITING_APPROVAL'], to: 'QUEUED', set });
    if (!row) return false;
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: `${found.kind}.approved`, targetType, targetId: requestId, details: { requestedBy: found.row.requestedBy, amountCents: found.row.amountCents } });
    return true;
  });
  if (!approved) throw new AppError('conflict', 'Someone else decided on this request first');

  if (found.kind === 'payout') {
    const payout = (await sendInitiatorRequest(db, payoutKind, { id: requestId, actor: caller, mpesa })) ?? (await getPayoutById(db, { payoutId: requestId }));
    return { kind: 'payout', payout: payout! };
  }
  const reversal = (await sendInitiatorRequest(db, reversalKind, { id: requestId, actor: caller, mpesa })) ?? (await getReversalById(db, { reversalId: requestId }));
  return { kind: 'reversal', reversal: reversal! };
}

export async function rejectRequest(
  db: Db,
  { caller, requestId, kind, reason }: { caller: Caller; requestId: string; kind?: RequestKind; reason: string },
): Promise<Decided> {
  const found = await findRequest(db, { caller, requestId, kind });
  const set = { rejectionReason: reason, completedAt: new Date() };
  const targetType = found.kind === 'payout' ? 'mpesa_b2c' : 'mpesa_reversal';
  return db.transaction(async (tx) => {
    const row =
      found.kind === 'payout'
        ? await transitionPayout(tx, { payoutId: requestId, from: ['AWAITING_APPROVAL'], to: 'REJECTED', set })
        : await transitionReversal(tx, { reversalId: requestId, from: ['AWAITING_APPROVAL'], to: 'REJECTED', set });
    if (!row) throw new AppError('conflict', 'This request is not waiting for approval any more');
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: `${found.kind}.rejected`, targetType, targetId: requestId, details: { reason, requestedBy: found.row.requestedBy } });
    return found.kind === 'payout' ? { kind: 'payout' as const, payout: row as PayoutRow } : { kind: 'reversal' as const, reversal: row as ReversalRow };
  });
}
