import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getPayoutById, transitionPayout, type PayoutRow } from '@/db/queries/mpesa-b2c';
import { getReversalById, transitionReversal, type ReversalRow } from '@/db/queries/mpesa-reversals';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/validation/uuid';
import type { Decided, RequestKind } from './decide-request';

/**
 * The requester takes back a payout or reversal that still waits for approval. Nothing was sent, so it ends as
 * REJECTED (it then counts toward no limit, and a reversal of the same receipt may be asked again) with
 * withdrawn_at set, which is how it reads "Withdrawn" rather than "Rejected". Only the requester may withdraw:
 * to anyone else the request is not theirs to take back (404, like any record that is not the caller's).
 */
export async function withdrawRequest(db: Db, { caller, requestId, kind }: { caller: Caller; requestId: string; kind?: RequestKind }): Promise<Decided> {
  if (caller.role === 'tenant' || !isUuid(requestId)) throw notFound('That request');
  const payout = kind === 'reversal' ? null : await getPayoutById(db, { payoutId: requestId });
  const reversal = payout || kind === 'payout' ? null : await getReversalById(db, { reversalId: requestId });
  const found = payout ?? reversal;
  if (!found || found.agencyId !== caller.agencyId || found.requestedBy !== caller.id) throw notFound('That request');
  const now = new Date();
  const set = { withdrawnAt: now, completedAt: now };
  return db.transaction(async (tx) => {
    const row = payout
      ? await transitionPayout(tx, { payoutId: requestId, from: ['AWAITING_APPROVAL'], to: 'REJECTED', set })
      : await transitionReversal(tx, { reversalId: requestId, from: ['AWAITING_APPROVAL'], to: 'REJECTED', set });
    if (!row) throw new AppError('conflict', 'This request is not waiting for approval any more: it was decided or already withdrawn');
    const kind = payout ? 'payout' : 'reversal';
    await recordAudit(tx, {
      actor: caller,
      agencyId: caller.agencyId,
      action: `${kind}.withdrawn`,
      targetType: payout ? 'mpesa_b2c' : 'mpesa_reversal',
      targetId: requestId,
      details: { amountCents: found.amountCents },
    });
    return payout ? { kind: 'payout' as const, payout: row as PayoutRow } : { kind: 'reversal' as const, reversal: row as ReversalRow };
  });
}
