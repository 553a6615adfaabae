import type { PayoutListItem } from '@/db/queries/mpesa-b2c';
import type { PayoutStatus } from '@/db/schema/mpesa';
import type { Caller } from '@/lib/auth/caller';
import { describeApprovalReasons } from '../approvals/approval-reasons';
import { requestStatusLabel, resultMessage } from './payout-status';

/** A payout as the API returns it and the UI shows it (no internal ids beyond what the requester needs). */
export interface PayoutView {
  id: string;
  status: PayoutStatus;
  statusLabel: string;
  leaseId: string | null;
  place: string | null;
  phone: string;
  amountCents: number;
  occasion: string;
  remarks: string;
  transactionId: string | null;
  receiverName: string | null;
  utilityBalanceAfterCents: number | null;
  message: string | null;
  action: string | null;
  requesterName: string;
  approverName: string | null;
  rejectionReason: string | null;
  /** Set when the requester withdrew it before anyone decided. */
  withdrawnAt: string | null;
  /** Why it waits (or waited) for approval, in words for this caller: "Over your 24 h limit of KES 100,000". */
  approvalReasons: string[];
  /** True when the caller may approve or reject it now (an admin other than the requester). */
  canDecide: boolean;
  /** True when the caller asked for it and it still waits: they may take it back. */
  canWithdraw: boolean;
  createdAt: string;
  completedAt: string | null;
}

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
