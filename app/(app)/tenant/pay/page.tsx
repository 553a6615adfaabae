import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { FindPayment } from '@/components/payments/find-payment';
import { PaybillInstructions } from '@/components/payments/paybill-instructions';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getLeaseBalance } from '@/db/queries/ledger';
import { listLeasesForCaller } from '@/db/queries/leases';
import { getOpenPushForCaller } from '@/db/queries/mpesa-transactions';
import { leaseAcceptsPayments } from '@/lib/leases/lease-status';
import { requirePageCaller } from '@/lib/auth/session';
import { formatKes } from '@/lib/money';
import { toStkStatusView } from '@/lib/payments/stk/stk-status-view';
import { PayRent } from './pay-rent';

export const metadata = { title: 'Pay rent · Haven' };
export const dynamic = 'force-dynamic';

export default async function PayRentPage({ searchParams }: { searchParams: Promise<{ lease?: string }> }) {
  const caller = await requirePageCaller(['tenant']);
  const db = await getDb();
  const leases = (await listLeasesForCaller(db, { caller })).filter((l) => leaseAcceptsPayments(l.status));
  const { lease: wanted } = await searchParams;
  const lease = leases.find((l) => l.id === wanted) ?? leases[0];
  if (!lease) {
    return (
      <>
        <PageTitle title="Pay rent" />
        <EmptyState>You have no active lease to pay. Contact your agency if this is wrong.</EmptyState>
      </>
    );
  }
  const [balance, openPush] = await Promise.all([getLeaseBalance(db, { leaseId: lease.id }), getOpenPushForCaller(db, { caller, leaseId: lease.id })]);
  // M-Pesa moves whole shillings: round what is owed up, and suggest a month's rent when nothing is owed.
  const suggestedCents = balance.dueCents > 0 ? Math.ceil(balance.dueCents / 100) * 100 : lease.monthlyRentCents;

  return (
    <>
      <PageTitle title="Pay rent" subtitle="Pay with an M-Pesa prompt on your phone, or by paybill." />
      {leases.length > 1 && (
        <nav aria-label="Your leases" className="flex flex-wrap gap-2 text-sm">
          {leases.map((l) => (
            <Link key={l.id} href={`/tenant/pay?lease=${l.id}`} aria-current={l.id === lease.id ? 'page' : undefined} className="rounded-md border border-slate-300 px-3 py-2">
              {l.propertyName} {l.unitLabel}
            </Link>
          ))}
        </nav>
      )}
      <Card title="Your lease">
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600">Home</dt>
            <dd className="font-medium text-slate-900">
              {lease.propertyName}, unit {lease.unitLabel}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Amount due now</dt>
            <dd className="text-lg font-bold text-slate-900" data-testid="amount-due">
              {formatKes(balance.dueCents)}
            </dd>
            {balance.creditCents > 0 && <dd className="text-brand-700">Credit: {formatKes(balance.creditCents)}</dd>}
          </div>
          <div>
            <dt className="text-slate-600">Account number</dt>
            <dd className="font-mono font-medium text-slate-900">{lease.accountReference}</dd>
          </div>
        </dl>
      </Card>
      <PayRent
        key={lease.id}
        leaseId={lease.id}
        amountCents={suggestedCents}
        accountReference={lease.accountReference}
        defaultPhone={caller.phone}
        openPush={openPush ? toStkStatusView(openPush, null) : null}
      />
      <PaybillInstructions paybillNumber={lease.paybillShortcode} accountReference={lease.accountReference} />
      <FindPayment leaseId={lease.id} />
      <p className="text-sm text-slate-600">
        <Link href="/tenant/payments" className="font-medium text-brand-700 underline">
          See your payment history
        </Link>
      </p>
    </>
  );
}
