import { PageTitle } from '@/components/layout/app-shell';
import { AccountBalance } from '@/components/payments/account-balance';
import { ApprovalReasons } from '@/components/payments/approval-reasons';
import { B2cDecisionButtons } from '@/components/payments/b2c-decision-buttons';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listPayoutsForCaller } from '@/db/queries/mpesa-b2c';
import { listReversalsForCaller } from '@/db/queries/mpesa-reversals';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { statusLabel } from '@/lib/payments/b2c/payout-status';
import { toPayoutView, type PayoutView } from '@/lib/payments/b2c/payout-view';
import { toReversalView, type ReversalView } from '@/lib/payments/reversal/reversal-view';
import { formatKenyanPhone } from '@/lib/phone';
import { requirePageCaller } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

function PayoutItem({ p }: { p: PayoutView }) {
  return (
    <li className="space-y-1 border-t border-slate-100 py-3 first:border-t-0" data-testid="payout-item" data-payout-id={p.id} data-status={p.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium text-slate-900">
          {formatKes(p.amountCents)} to {p.receiverName ?? formatKenyanPhone(p.phone)} <span className="text-sm font-normal text-slate-600">· {p.occasion}</span>
        </p>
        <Badge tone={statusLabel[p.status].tone}>{p.statusLabel}</Badge>
      </div>
      <p className="text-sm text-slate-600">
        {p.place ? `${p.place} · ` : ''}“{p.remarks}” · asked by {p.requesterName}, {formatDateTime(p.createdAt)}
        {p.approverName && ` · approved by ${p.approverName}`}
      </p>
      {p.message && <p className={`text-sm ${p.status === 'FAILED' ? 'text-red-700' : 'text-slate-700'}`}>{p.message}{p.action ? ` ${p.action}` : ''}</p>}
      {p.rejectionReason && <p className="text-sm text-slate-700">Rejected: {p.rejectionReason}</p>}
      {p.status === 'AWAITING_APPROVAL' && <ApprovalReasons reasons={p.approvalReasons} />}
      {p.canDecide && <B2cDecisionButtons requestId={p.id} label={`payout of ${formatKes(p.amountCents)}`} />}
    </li>
  );
}

function ReversalItem({ r }: { r: ReversalView }) {
  return (
    <li className="space-y-1 border-t border-slate-100 py-3 first:border-t-0" data-testid="reversal-item" data-status={r.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium text-slate-900">
          Reverse {r.receipt} · {formatKes(r.amountCents)}
        </p>
        <Badge tone={statusLabel[r.status].tone}>{r.statusLabel}</Badge>
      </div>
      <p className="text-sm text-slate-600">
        {r.tenantName ? `${r.tenantName} · ` : ''}
        {r.place ? `${r.place} · ` : ''}“{r.remarks}” · asked by {r.requesterName}, {formatDateTime(r.createdAt)}
      </p>
      {r.message && <p className={`text-sm ${r.status === 'FAILED' ? 'text-red-700' : 'text-slate-700'}`}>{r.message}</p>}
      {r.status === 'AWAITING_APPROVAL' && <ApprovalReasons reasons={r.approvalReasons} />}
      {r.canDecide && <B2cDecisionButtons requestId={r.id} label={`reversal of ${r.receipt}`} />}
    </li>
  );
}

export default async function PayoutsPage() {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const db = await getDb();
  const [payouts, reversals] = await Promise.all([listPayoutsForCaller(db, { caller }), listReversalsForCaller(db, { caller })]);
  const payoutViews = payouts.map((p) => toPayoutView(p, caller));
  const reversalViews = reversals.map((r) => toReversalView(r, caller));
  const waiting = [...payoutViews.filter((p) => p.status === 'AWAITING_APPROVAL'), ...reversalViews.filter((r) => r.status === 'AWAITING_APPROVAL')];
  return (
    <>
      <PageTitle
        title={caller.role === 'admin' ? 'Payouts' : 'Refunds & payouts'}
        subtitle="Money leaving the paybill: deposit refunds, payouts and reversals"
        action={caller.role === 'admin' ? <ButtonLink href="/payouts/new">New payout</ButtonLink> : undefined}
      />
      {/* Admins decide on money going out here, so the balance it comes from is shown beside the requests. */}
      {caller.role === 'admin' && <AccountBalance />}
      <Card title={`Waiting for approval (${waiting.length})`}>
        {waiting.length === 0 ? (
          <EmptyState>Nothing is waiting for approval.</EmptyState>
        ) : (
          <ul data-testid="awaiting-approval">
            {waiting.map((w) => ('occasion' in w ? <PayoutItem key={w.id} p={w} /> : <ReversalItem key={w.id} r={w} />))}
          </ul>
        )}
      </Card>
      <Card title="Refunds and payouts">
        {payoutViews.length === 0 ? <EmptyState>No payouts yet.</EmptyState> : <ul>{payoutViews.map((p) => <PayoutItem key={p.id} p={p} />)}</ul>}
      </Card>
      <Card title="Reversals">
        {reversalViews.length === 0 ? <EmptyState>No reversals yet.</EmptyState> : <ul>{reversalViews.map((r) => <ReversalItem key={r.id} r={r} />)}</ul>}
      </Card>
    </>
  );
}
