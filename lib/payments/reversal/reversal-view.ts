import type { ReversalListItem } from '@/db/queries/mpesa-reversals';
import type { PayoutStatus } from '@/db/schema/mpesa';
import type { Caller } from '@/lib/auth/caller';
import { describeApprovalReasons } from '../approvals/approval-reasons';
import { requestStatusLabel, resultMessage } from '../b2c/payout-status';

export interface ReversalView {
  id: string;
  status: PayoutStatus;
  statusLabel: string;
  paymentId: string | null;
  receipt: string;
  amountCents: number;
  remarks: string;
  tenantName: string | null;
  place: string | null;
  message: string | null;
  action: string | null;
  requesterName: string;
  rejectionReason: string | null;
  withdrawnAt: string | null;
  /** Why it waits (or waited) for approval, in words for this caller: "Over your 24 h limit of KES 100,000". */
  approvalReasons: string[];
  canDecide: boolean;
  canWithdraw: boolean;
  createdAt: string;
  completedAt: string | null;
}

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
