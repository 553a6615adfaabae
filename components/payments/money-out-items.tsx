import { ApprovalReasons } from '@/components/payments/approval-reasons';
import { B2cDecisionButtons } from '@/components/payments/b2c-decision-buttons';
import { WithdrawRequestButton } from '@/components/payments/withdraw-request-button';
import { Badge } from '@/components/ui/badge';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { statusLabel } from '@/lib/payments/b2c/payout-status';
import type { PayoutView } from '@/lib/payments/b2c/payout-view';
import type { ReversalView } from '@/lib/payments/reversal/reversal-view';
import { formatKenyanPhone } from '@/lib/phone';

/** Payouts and reversals as list rows on /payouts: what, to whom, who asked, the decision and its reason. */

function Decision({ r }: { r: PayoutView | ReversalView }) {
  if (r.status !== 'REJECTED') return null;
  if (r.withdrawnAt) return <p className="text-sm text-slate-700" data-testid="withdrawn">Withdrawn by {r.requesterName}, {formatDateTime(r.withdrawnAt)}: nothing was sent.</p>;
  return (
    <p className="break-words text-sm text-slate-800" data-testid="rejection-reason">
      <span className="font-medium">Rejected:</span> {r.rejectionReason ?? 'no reason recorded'}
    </p>
  );
}

function Actions({ r, label }: { r: PayoutView | ReversalView; label: string }) {
  return (
    <>
      {r.status === 'AWAITING_APPROVAL' && <ApprovalReasons reasons={r.approvalReasons} />}
      {r.canDecide && <B2cDecisionButtons requestId={r.id} label={label} />}
      {r.canWithdraw && <WithdrawRequestButton requestId={r.id} label={label} />}
    </>
  );
}

const itemClass = 'min-w-0 space-y-1 border-t border-slate-100 py-3 first:border-t-0';

export function PayoutItem({ p }: { p: PayoutView }) {
  return (
    <li className={itemClass} data-testid="payout-item" data-payout-id={p.id} data-status={p.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="min-w-0 break-words font-medium text-slate-900">
          {formatKes(p.amountCents)} to {p.receiverName ?? formatKenyanPhone(p.phone)} <span className="text-sm font-normal text-slate-600">· {p.occasion}</span>
        </p>
        <Badge tone={statusLabel[p.status].tone}>{p.statusLabel}</Badge>
      </div>
      <p className="break-words text-sm text-slate-600">
        {p.place ? `${p.place} · ` : ''}“{p.remarks}” · asked by {p.requesterName}, {formatDateTime(p.createdAt)}
        {p.approverName && ` · approved by ${p.approverName}`}
      </p>
      {p.message && <p className={`text-sm ${p.status === 'FAILED' ? 'text-red-700' : 'text-slate-700'}`}>{p.message}{p.action ? ` ${p.action}` : ''}</p>}
      <Decision r={p} />
      <Actions r={p} label={`payout of ${formatKes(p.amountCents)}`} />
    </li>
  );
}

export function ReversalItem({ r }: { r: ReversalView }) {
  return (
    <li className={itemClass} data-testid="reversal-item" data-reversal-id={r.id} data-status={r.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="min-w-0 break-words font-medium text-slate-900">
          Reverse {r.receipt} · {formatKes(r.amountCents)}
        </p>
        <Badge tone={statusLabel[r.status].tone}>{r.statusLabel}</Badge>
      </div>
      <p className="break-words text-sm text-slate-600">
        {r.tenantName ? `${r.tenantName} · ` : ''}
        {r.place ? `${r.place} · ` : ''}“{r.remarks}” · asked by {r.requesterName}, {formatDateTime(r.createdAt)}
      </p>
      {r.message && <p className={`text-sm ${r.status === 'FAILED' ? 'text-red-700' : 'text-slate-700'}`}>{r.message}</p>}
      <Decision r={r} />
      <Actions r={r} label={`reversal of ${r.receipt}`} />
    </li>
  );
}
