import 'server-only';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { getLeaseForCaller } from '@/db/queries/leases';
import { getDepositHeld, lockLease } from '@/db/queries/ledger';
import { findPayoutByIdempotencyKey, insertPayout, sumOpenLeasePayouts, type PayoutRow } from '@/db/queries/mpesa-b2c';
import type { Caller } from '@/lib/auth/caller';
import { AppError, notFound } from '@/lib/errors';
import { formatKes } from '@/lib/money';
import { normalizeMpesaPhone } from '@/lib/phone';
import { commandIdFor, type PayoutRequest } from './payout-input';
import { assessMoneyOutApproval } from '../approvals/assess-money-out';
import { payoutKind } from '../initiator/payout-kind';
import { sendInitiatorRequest } from '../initiator/send-initiator-request';
import { getMpesaContext, type MpesaContext } from '../mpesa-context';
import { enqueueApprovalRequest } from '@/lib/messaging/notify-admins';

/**
 * Records a payout request, then sends it unless it needs approval (invariant 5: recorded before sent).
 * Landlords pay out only from the deposit of leases on their own properties; admins from any lease in the agency
 * or as a general payout. Another admin must approve it above the agency threshold, over the requester's or the
 * phone's rolling 24 h limit, when it pays the requester's own phone, or when the requester asks.
 * A repeated idempotency key returns the payout it first created, so a double submit sends one payout.
 */
export async function requestPayout(
  db: Db,
  { caller, input, mpesa }: { caller: Caller; input: PayoutRequest; mpesa?: MpesaContext },
): Promise<{ payout: PayoutRow; created: boolean }> {
  if (caller.role === 'tenant') throw new AppError('not_found', 'Not found');
  if (caller.role === 'landlord' && !input.leaseId) {
    throw new AppError('forbidden', 'Landlords can only refund deposits from their own leases');
  }
  const phone = normalizeMpesaPhone(input.phone);
  if (!phone.ok) throw new AppError('invalid_request', phone.message, { details: { fields: [{ path: 'phone', message: phone.message }] } });
  const amountCents = input.amount * 100;

  if (input.idempotencyKey) {
    const existing = await findPayoutByIdempotencyKey(db, { requestedBy: caller.id, idempotencyKey: input.idempotencyKey });
    if (existing) return { payout: existing, created: false };
  }

  // Scope first: another landlord's or agency's lease is "not found", whatever the caller's own paybill's state.
  if (input.leaseId && !(await getLeaseForCaller(db, { caller, leaseId: input.leaseId }))) throw notFound('That lease');
  const ctx = mpesa ?? (await getMpesaContext(db, { agencyId: caller.agencyId }));
  const outcome = await db.transaction(async (tx) => {
    if (input.idempotencyKey) {
      // A double submit waits here for the first one to commit and then returns its payout, before touching the
      // lease lock or the unique index. Holding the lease lock while inserting a conflicting key could deadlock
      // with the first payout's result being applied (which updates that row, then locks the lease).
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payout:${caller.id}:${input.idempotencyKey}`}))`);
      const existing = await findPayoutByIdempotencyKey(tx, { requestedBy: caller.id, idempotencyKey: input.idempotencyKey });
      if (existing) return { payout: existing, created: false };
    }
    if (input.leaseId) {
      const lease = await getLeaseForCaller(tx, { caller, leaseId: input.leaseId });
      if (!lease) throw notFound('That lease');
      // Two refunds on one lease must not both be checked against the same deposit.
      await lockLease(tx, { leaseId: lease.id });
      const held = await getDepositHeld(tx, { leaseId: lease.id });
      const promised = await sumOpenLeasePayouts(tx, { leaseId: lease.id });
      const available = Math.max(0, held - promised);
      if (amountCents > available) {
        const pending = promised > 0 ? ` (${formatKes(promised)} of the ${formatKes(held)} held is already on its way)` : '';
        const message = available === 0 ? `There is no deposit left to refund on this lease${pending}` : `You can refund at most ${formatKes(available)}${pending}`;
        throw new AppError('invalid_request', message, { details: { fields: [{ path: 'amount', message }] } });
      }
    }
    // After the lease lock (never before), so every request takes its locks in the same order.
    const reasons = await assessMoneyOutApproval(tx, {
      agencyId: caller.agencyId,
      requesterId: caller.id,
      recipientPhone: phone.msisdn,
      amountCents,
      applyThreshold: true,
      alsoBecause: input.requestApproval ? [{ kind: 'requested' }] : [],
    });
    const needsApproval = reasons.length > 0;
    const id = randomUUID();
    const row = await insertPayout(tx, {
      id,
      agencyId: caller.agencyId,
      leaseId: input.leaseId ?? null,
      originatorConversationId: id,
      shortcode: ctx.b2cShortcode,
      phone: phone.msisdn,
      amountCents,
      commandId: commandIdFor(input.occasion),
      occasion: input.occasion,
      remarks: input.remarks,
      status: needsApproval ? 'AWAITING_APPROVAL' : 'QUEUED',
      requestedBy: caller.id,
      approvalReasons: reasons,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    if (!row) {
      // The same idempotency key won a concurrent insert: hand back that payout.
      const existing = input.idempotencyKey ? await findPayoutByIdempotencyKey(tx, { requestedBy: caller.id, idempotencyKey: input.idempotencyKey }) : null;
      if (!existing) throw new AppError('conflict', 'This payout was already requested');
      return { payout: existing, created: false };
    }
    await recordAudit(tx, {
      actor: caller,
      agencyId: caller.agencyId,
      action: 'payout.requested',
      targetType: 'mpesa_b2c',
      targetId: row.id,
      details: {
        amountCents,
        phone: phone.msisdn,
        occasion: input.occasion,
        remarks: input.remarks,
        leaseId: input.leaseId ?? null,
        needsApproval,
        approvalReasons: reasons,
      },
    });
    if (needsApproval) await enqueueApprovalRequest(tx, { agencyId: caller.agencyId, requestType: 'payout', requestId: row.id, requestedBy: caller.id });
    return { payout: row, created: true };
  });

  if (!outcome.created || outcome.payout.status !== 'QUEUED') return outcome;
  const sent = await sendInitiatorRequest(db, payoutKind, { id: outcome.payout.id, actor: caller, mpesa: ctx });
  return { payout: sent ?? outcome.payout, created: true };
}
