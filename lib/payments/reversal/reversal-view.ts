import type { ReversalListItem } from '@/db/queries/mpesa-reversals';
import type { z } from 'zod';
import type { Caller } from '@/lib/auth/caller';
import { describeApprovalReasons } from '../approvals/approval-reasons';
import { requestStatusLabel, resultMessage } from '../b2c/payout-status';
import type { reversalViewSchema } from '../b2c/request-view-schemas';

/** A reversal as the API returns it and the UI shows it: the shape lives in request-view-schemas.ts. */
export type ReversalView = z.infer<typeof reversalViewSchema>;

export function toReversalView(item: ReversalListItem, caller: Caller): ReversalView {
  const r = item.reversal;
  const outcome = r.status === 'FAILED' ? resultMessage({ api: 'reversal', resultCode: r.resultCode, resultDescription: r.resultDescription }) : null;
  return {
    id: r.id,
    status: r.status,
    statusLabel: r.status === 'SUCCESS' ? 'Reversed' : requestStatusLabel(r),
    paymentId: r.paymentId,
    receipt: r.originalTransactionId,
    amountCents: r.amountCents,
    remarks: r.remarks,
    tenantName: item.tenantName,
    place: item.propertyName ? `${item.propertyName} · ${item.unitLabel ?? ''}`.trim() : null,
    message: r.status === 'SUCCESS' ? 'Payment reversed: the money is back with the payer and the tenant owes it again' : (outcome?.message ?? null),
    action: outcome?.action || null,
    requesterName: item.requesterName,
    rejectionReason: r.rejectionReason,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    approvalReasons: describeApprovalReasons(r.approvalReasons, { viewerIsRequester: r.requestedBy === caller.id, requesterName: item.requesterName }),
    canDecide: caller.role === 'admin' && r.status === 'AWAITING_APPROVAL' && r.requestedBy !== caller.id,
    canWithdraw: r.status === 'AWAITING_APPROVAL' && r.requestedBy === caller.id,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}
