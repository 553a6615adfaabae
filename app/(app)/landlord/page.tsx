import type { Metadata } from 'next';
import { DashboardSection, startDashboard } from '@/components/dashboard/dashboard-section';
import Link from 'next/link';
import { NextPage, pageHref } from '@/components/forms/search-pager';
import { PageTitle } from '@/components/layout/app-shell';
import { LeaseBalanceList } from '@/components/leases/lease-balance-list';
import { PaymentList } from '@/components/leases/payment-list';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listLeasesInArrearsPage, listPropertiesForCaller, listRecentPaymentsForCaller } from '@/db/queries/overview';
import { requirePageCaller } from '@/lib/auth/session';
import { currentPeriod } from '@/lib/ledger/rent-period';
import { formatPeriod } from '@/lib/format-time';

export const metadata: Metadata = { title: 'My properties' };

export default async function LandlordHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const after = [(await searchParams).arrears].flat()[0];
  const caller = await requirePageCaller(['landlord']);
  const db = await getDb();
  // The arrears list is paged (largest first) and the full lease list lives on /leases.
  const dashboard = startDashboard(db, { caller });
  const [properties, inArrears, payments] = await Promise.all([
    listPropertiesForCaller(db, { caller }),
    listLeasesInArrearsPage(db, { caller, after }),
    listRecentPaymentsForCaller(db, { caller, limit: 8 }),
  ]);
  const arrears = inArrears.summary;
  return (
    <>
      <PageTitle title="My properties" subtitle={`Collections for ${formatPeriod(currentPeriod())}`} />
      {/* The dashboard's queries scope everything to this landlord's own properties. */}
      <DashboardSection dashboard={dashboard} />
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
        <LeaseBalanceList items={inArrears.items} empty="Every lease is paid up." />
        <NextPage href={(cursor) => pageHref('/landlord', { arrears: cursor })} next={inArrears.next} />
      </Card>
      <Card title="All leases">
        <p className="text-sm text-slate-700">
          {arrears.leases} lease{arrears.leases === 1 ? '' : 's'}. <Link href="/leases" className="font-medium text-brand-700 underline">See all leases</Link>
        </p>
      </Card>
      <Card title="Recent payments">
        <PaymentList items={payments.map((p) => ({ ...p, context: `${p.tenantName}, ${p.propertyName} ${p.unitLabel}` }))} />
      </Card>
    </>
  );
}
