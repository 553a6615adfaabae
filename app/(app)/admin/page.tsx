import type { Metadata } from 'next';
import Link from 'next/link';
import { NextPage, pageHref } from '@/components/forms/search-pager';
import { PageTitle } from '@/components/layout/app-shell';
import { LeaseBalanceList } from '@/components/leases/lease-balance-list';
import { PaymentList } from '@/components/leases/payment-list';
import { AccountBalance } from '@/components/payments/account-balance';
import { Card, Stat } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getCollectionSummary, listLeasesInArrearsPage, listPropertiesForCaller, listRecentPaymentsForCaller } from '@/db/queries/overview';
import { requirePageCaller } from '@/lib/auth/session';
import { currentPeriod } from '@/lib/ledger/rent-period';
import { formatPeriod } from '@/lib/format-time';
import { formatKes } from '@/lib/money';

export const metadata: Metadata = { title: 'Agency overview' };

export default async function AdminHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const after = [(await searchParams).arrears].flat()[0];
  const caller = await requirePageCaller(['admin']);
  const db = await getDb();
  const period = currentPeriod();
  // The arrears list is paged (largest first) and the full lease list lives on /leases: an agency's overview must not
  // render every lease it has.
  const [properties, inArrears, payments, summary] = await Promise.all([
    listPropertiesForCaller(db, { caller }),
    listLeasesInArrearsPage(db, { caller, after }),
    listRecentPaymentsForCaller(db, { caller, limit: 10 }),
    getCollectionSummary(db, { caller, period }),
  ]);
  const units = properties.reduce((s, p) => s + p.unitCount, 0);
  const occupied = properties.reduce((s, p) => s + p.occupiedCount, 0);
  const occupancy = units === 0 ? 0 : Math.round((occupied / units) * 100);
  const arrears = inArrears.summary;
  const rate = summary.dueCents === 0 ? 100 : Math.round((summary.collectedCents / summary.dueCents) * 100);
  return (
    <>
      <PageTitle title="Agency overview" subtitle={formatPeriod(period)} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Properties" value={properties.length} hint={`${units} units`} />
        <Stat label="Occupancy" value={`${occupancy}%`} hint={`${occupied} of ${units} units let`} />
        <Stat label="Collected this month" value={<span data-testid="collected-this-month">{formatKes(summary.collectedCents)}</span>} hint={`${rate}% of ${formatKes(summary.dueCents)} due`} tone="good" />
        <Stat label="Leases in arrears" value={arrears.inArrears} hint={formatKes(arrears.arrearsCents)} tone={arrears.inArrears ? 'warn' : 'good'} />
      </div>
      <AccountBalance />
      <Card title="Leases in arrears">
        <LeaseBalanceList items={inArrears.items} empty="Every lease is paid up." />
        <NextPage href={(cursor) => pageHref('/admin', { arrears: cursor })} next={inArrears.next} />
      </Card>
      <Card title="Recent payments">
        <PaymentList items={payments.map((p) => ({ ...p, context: `${p.tenantName}, ${p.propertyName} ${p.unitLabel}` }))} />
      </Card>
      <Card title="All leases">
        <p className="text-sm text-slate-700">
          {arrears.leases} lease{arrears.leases === 1 ? '' : 's'}. <Link href="/leases" className="font-medium text-brand-700 underline">See all leases</Link>
        </p>
      </Card>
    </>
  );
}
