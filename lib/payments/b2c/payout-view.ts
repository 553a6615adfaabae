import type { PayoutListItem } from '@/db/queries/mpesa-b2c';
import type { z } from 'zod';
import type { Caller } from '@/lib/auth/caller';
import { describeApprovalReasons } from '../approvals/approval-reasons';
import { requestStatusLabel, resultMessage } from './payout-status';
import type { payoutViewSchema } from './request-view-schemas';

/** A payout as the API returns it and the UI shows it: the shape lives in request-view-schemas.ts. */
export type PayoutView = z.infer<typeof payoutViewSchema>;

export function toPayoutView(item: PayoutListItem, caller: Caller): PayoutView {
  const p = item.payout;
  const outcome = p.status === 'FAILED' ? resultMessage({ api: 'b2c', resultCode: p.resultCode, resultDescription: p.resultDescription }) : null;
  const success = p.status === 'SUCCESS' ? `Sent to ${p.receiverName ?? p.phone}${p.transactionId ? `, M-Pesa receipt ${p.transactionId}` : ''}` : null;
  return {
    id: p.id,
    status: p.status,
    statusLabel: requestStatusLabel(p),
    leaseId: p.leaseId,
    place: item.propertyName ? `${item.propertyName} · ${item.unitLabel ?? ''}`.trim() : null,
    phone: p.phone,
    amountCents: p.amountCents,
    occasion: p.occasion,
    remarks: p.remarks,
    transactionId: p.transactionId,
    receiverName: p.receiverName,
    utilityBalanceAfterCents: p.utilityBalanceAfterCents,
    message: success ?? outcome?.message ?? null,
    action: outcome?.action || null,
    requesterName: item.requesterName,
    approverName: item.approverName,
    rejectionReason: p.rejectionReason,
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
    approvalReasons: describeApprovalReasons(p.approvalReasons, { viewerIsRequester: p.requestedBy === caller.id, requesterName: item.requesterName }),
    canDecide: caller.role === 'admin' && p.status === 'AWAITING_APPROVAL' && p.requestedBy !== caller.id,
    canWithdraw: p.status === 'AWAITING_APPROVAL' && p.requestedBy === caller.id,
    createdAt: p.createdAt.toISOString(),
    completedAt: p.completedAt?.toISOString() ?? null,
  };
}
