import { PageTitle } from '@/components/layout/app-shell';
import { AccountBalance } from '@/components/payments/account-balance';
import { PayoutItem, ReversalItem } from '@/components/payments/money-out-items';
import { RefreshWhileInFlight } from '@/components/payments/refresh-while-in-flight';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listPayoutsForCaller } from '@/db/queries/mpesa-b2c';
import { listReversalsForCaller } from '@/db/queries/mpesa-reversals';
import { toPayoutView } from '@/lib/payments/b2c/payout-view';
import { toReversalView } from '@/lib/payments/reversal/reversal-view';
import { requirePageCaller } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function PayoutsPage() {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const db = await getDb();
  const [payouts, reversals] = await Promise.all([listPayoutsForCaller(db, { caller }), listReversalsForCaller(db, { caller })]);
  const payoutViews = payouts.map((p) => toPayoutView(p, caller));
  const reversalViews = reversals.map((r) => toReversalView(r, caller));
  // Each request is listed once: waiting ones (with their buttons) under "Waiting for approval", the rest below.
  const isWaiting = (r: { status: string }) => r.status === 'AWAITING_APPROVAL';
  const waiting = [...payoutViews.filter(isWaiting), ...reversalViews.filter(isWaiting)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const payoutHistory = payoutViews.filter((p) => !isWaiting(p));
  const reversalHistory = reversalViews.filter((r) => !isWaiting(r));
  const all = [...payoutViews, ...reversalViews];
  const inFlight = all.filter((r) => r.status === 'QUEUED' || r.status === 'PENDING' || r.status === 'UNKNOWN').length;
  const settled = all.filter((r) => r.status === 'SUCCESS' || r.status === 'FAILED').length;
  return (
    <>
      <PageTitle
        title={caller.role === 'admin' ? 'Payouts' : 'Refunds & payouts'}
        subtitle="Money leaving the paybill: deposit refunds, payouts and reversals"
        action={caller.role === 'admin' ? <ButtonLink href="/payouts/new">New payout</ButtonLink> : undefined}
      />
      {/* Admins decide on money going out here, so the balance it comes from is shown beside the requests. */}
      {caller.role === 'admin' && <AccountBalance />}
      <RefreshWhileInFlight inFlight={inFlight} settled={settled} />
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
        {payoutHistory.length === 0 ? <EmptyState>No other payouts.</EmptyState> : <ul data-testid="payout-history">{payoutHistory.map((p) => <PayoutItem key={p.id} p={p} />)}</ul>}
      </Card>
      <Card title="Reversals">
        {reversalHistory.length === 0 ? <EmptyState>No other reversals.</EmptyState> : <ul data-testid="reversal-history">{reversalHistory.map((r) => <ReversalItem key={r.id} r={r} />)}</ul>}
      </Card>
    </>
  );
}
