import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { PaymentList } from '@/components/leases/payment-list';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, Stat } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getDepositHeld, getLeaseBalance, listLeaseCharges, listLeasePayments } from '@/db/queries/ledger';
import { getLeaseForCaller } from '@/db/queries/leases';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDate, formatPeriod } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';
import { parseIdParam } from '@/lib/validation/strict';

export const metadata: Metadata = { title: 'Lease' };

export default async function LeasePage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller();
  // An id that cannot be one is a page that does not exist, not a database error.
  const id = parseIdParam((await params).id);
  if (!id) notFound();
  const db = await getDb();
  // Scoped in the query: someone else's lease and a lease that does not exist look the same (404).
  const lease = await getLeaseForCaller(db, { caller, leaseId: id });
  if (!lease) notFound();
  const [balance, charges, payments, depositHeld] = await Promise.all([
    getLeaseBalance(db, { leaseId: lease.id }),
    listLeaseCharges(db, { leaseId: lease.id }),
    listLeasePayments(db, { leaseId: lease.id, limit: 24 }),
    getDepositHeld(db, { leaseId: lease.id }),
  ]);
  const canMoveMoney = caller.role === 'admin' || caller.role === 'landlord';
  return (
    <>
      <PageTitle
        title={`${lease.propertyName} · ${lease.unitLabel}`}
        subtitle={<>{lease.tenantName} · Account <span className="font-mono">{lease.accountReference}</span> · <Badge tone={lease.status === 'active' ? 'green' : 'slate'}>{lease.status}</Badge></>}
        action={caller.role === 'tenant' ? <ButtonLink href="/tenant/pay">Pay rent</ButtonLink> : undefined}
      />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Balance due" value={<span data-testid="lease-balance">{formatKes(balance.dueCents)}</span>} tone={balance.dueCents > 0 ? 'warn' : 'good'} hint={balance.creditCents > 0 ? `Credit ${formatKes(balance.creditCents)}` : undefined} />
        <Stat label="Monthly rent" value={formatKes(lease.monthlyRentCents)} hint={`Due on day ${lease.dueDay}`} />
        <Stat label="Deposit held" value={<span data-testid="deposit-held">{formatKes(depositHeld)}</span>} hint={`Agreed ${formatKes(lease.depositCents)}`} />
        <Stat label="Since" value={formatDate(lease.startDate)} hint={lease.endDate ? `Until ${formatDate(lease.endDate)}` : 'Open-ended'} />
      </div>
      {canMoveMoney && (
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/leases/${lease.id}/refund`} variant="secondary">
            Refund deposit
          </ButtonLink>
        </div>
      )}
      <Card title="Tenant">
        <dl className="grid gap-2 text-sm sm:grid-cols-3">
          <div><dt className="text-slate-500">Name</dt><dd className="font-medium">{lease.tenantName}</dd></div>
          <div><dt className="text-slate-500">Phone</dt><dd className="font-medium">{lease.tenantPhone ? formatKenyanPhone(lease.tenantPhone) : '—'}</dd></div>
          <div><dt className="text-slate-500">Landlord</dt><dd className="font-medium">{lease.landlordName}</dd></div>
        </dl>
      </Card>
      <Card title="Charges">
        <ul className="divide-y divide-slate-100 text-sm">
          {charges.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-3 py-2">
              <span>
                {c.period ? `Rent ${formatPeriod(c.period)}` : c.description}
                <span className="block text-xs text-slate-500">Due {formatDate(c.dueDate)}</span>
              </span>
              <span className="text-right">
                <span className="block font-medium">{formatKes(c.amountCents)}</span>
                {c.outstandingCents === 0 ? <Badge tone="green">Paid</Badge> : c.allocatedCents > 0 ? <Badge tone="amber">{formatKes(c.outstandingCents)} left</Badge> : <Badge tone="red">Unpaid</Badge>}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Payments">
        <PaymentList
          items={payments.map((p) => ({
            id: p.id, amountCents: p.amountCents, receipt: p.mpesaReceiptNumber, paidAt: p.paidAt, status: p.status, method: p.method,
            reverseHref: canMoveMoney && p.mpesaReceiptNumber ? `/payments/${p.id}/reverse` : undefined,
          }))}
        />
      </Card>
    </>
  );
}
