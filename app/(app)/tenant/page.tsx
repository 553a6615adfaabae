import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { PaymentList } from '@/components/leases/payment-list';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, Stat } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getLeaseBalance, listLeaseCharges, listLeasePayments } from '@/db/queries/ledger';
import { listLeasesForCaller } from '@/db/queries/leases';
import { leaseAcceptsPayments } from '@/lib/leases/lease-status';
import { chargeLabel } from '@/lib/ledger/charge-label';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDate } from '@/lib/format-time';
import { formatKes } from '@/lib/money';

export const metadata: Metadata = { title: 'My rent' };

export default async function TenantHome() {
  const caller = await requirePageCaller(['tenant']);
  const db = await getDb();
  const leases = (await listLeasesForCaller(db, { caller })).filter((l) => leaseAcceptsPayments(l.status));
  const lease = leases[0];
  if (!lease) {
    return (
      <>
        <PageTitle title={`Hello, ${caller.name.split(' ')[0]}`} />
        <EmptyState>You have no active lease with this agency. If you think this is wrong, contact your agency.</EmptyState>
      </>
    );
  }
  const [balance, charges, payments] = await Promise.all([
    getLeaseBalance(db, { leaseId: lease.id }),
    listLeaseCharges(db, { leaseId: lease.id }),
    listLeasePayments(db, { leaseId: lease.id, limit: 5 }),
  ]);
  const unpaid = charges.filter((c) => c.outstandingCents > 0);
  return (
    <>
      <PageTitle title={`Hello, ${caller.name.split(' ')[0]}`} subtitle={`${lease.propertyName} · Unit ${lease.unitLabel}`} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Stat
          label="Amount due"
          value={<span data-testid="amount-due">{formatKes(balance.dueCents)}</span>}
          tone={balance.dueCents > 0 ? 'warn' : 'good'}
          hint={balance.creditCents > 0 ? `You have ${formatKes(balance.creditCents)} credit` : balance.dueCents === 0 ? 'You are paid up. Thank you!' : `Rent is due on day ${lease.dueDay} of each month`}
        />
        <Card>
          <p className="text-sm text-slate-600">Monthly rent {formatKes(lease.monthlyRentCents)}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <ButtonLink href="/tenant/pay" className="flex-1">
              Pay rent with M-Pesa
            </ButtonLink>
            <ButtonLink href={`/leases/${lease.id}`} variant="secondary">
              Lease details
            </ButtonLink>
          </div>
        </Card>
      </div>
      {unpaid.length > 0 && (
        <Card title="What you owe">
          <ul className="divide-y divide-slate-100 text-sm">
            {unpaid.map((c) => (
              <li key={c.id} className="flex justify-between gap-3 py-2">
                <span>
                  {chargeLabel(c)}
                  <span className="block text-xs text-slate-500">Due {formatDate(c.dueDate)}</span>
                </span>
                <span className="font-semibold">{formatKes(c.outstandingCents)}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title="Recent payments" action={<Link href="/tenant/payments" className="text-sm font-medium text-brand-700 underline">All payments</Link>}>
        <PaymentList items={payments.map((p) => ({ id: p.id, amountCents: p.amountCents, receipt: p.mpesaReceiptNumber, paidAt: p.paidAt, status: p.status, method: p.method }))} />
      </Card>
    </>
  );
}
