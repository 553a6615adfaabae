import type { Metadata } from 'next';
import { DashboardSection } from '@/components/dashboard/dashboard-section';
import { PageTitle } from '@/components/layout/app-shell';
import { LeaseBalanceList } from '@/components/leases/lease-balance-list';
import { PaymentList } from '@/components/leases/payment-list';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listLeaseBalancesForCaller, listPropertiesForCaller, listRecentPaymentsForCaller } from '@/db/queries/overview';
import { requirePageCaller } from '@/lib/auth/session';
import { currentPeriod } from '@/lib/ledger/rent-period';
import { formatPeriod } from '@/lib/format-time';

export const metadata: Metadata = { title: 'My properties' };

export default async function LandlordHome() {
  const caller = await requirePageCaller(['landlord']);
  const db = await getDb();
  const [properties, leases, payments] = await Promise.all([
    listPropertiesForCaller(db, { caller }),
    listLeaseBalancesForCaller(db, { caller }),
    listRecentPaymentsForCaller(db, { caller, limit: 8 }),
  ]);
  const inArrears = leases.filter((l) => l.balanceCents > 0).sort((a, b) => b.balanceCents - a.balanceCents);
  return (
    <>
      <PageTitle title="My properties" subtitle={`Collections for ${formatPeriod(currentPeriod())}`} />
      {/* The dashboard's queries scope everything to this landlord's own properties. */}
      <DashboardSection caller={caller} />
      <Card title="Properties">
        {properties.length === 0 ? (
          <EmptyState>You have no properties with this agency yet.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {properties.map((p) => (
              <li key={p.id} className="flex items-center justify-between gap-3 py-3">
                <span className="min-w-0">
                  <a href={`/properties/${p.id}`} className="block font-medium text-brand-700 underline">{p.name}</a>
                  <span className="block break-words text-sm text-slate-600">{p.location}</span>
                </span>
                <span className="shrink-0 text-sm text-slate-700">
                  {p.occupiedCount}/{p.unitCount} let
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Leases with arrears">
        <LeaseBalanceList items={inArrears} empty="Every lease is paid up." />
      </Card>
      <Card title="All leases">
        <LeaseBalanceList items={leases} empty="No leases yet." />
      </Card>
      <Card title="Recent payments">
        <PaymentList items={payments.map((p) => ({ ...p, context: `${p.tenantName}, ${p.propertyName} ${p.unitLabel}` }))} />
      </Card>
    </>
  );
}
