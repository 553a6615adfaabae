import type { Metadata } from 'next';
import { DashboardSection, startDashboard } from '@/components/dashboard/dashboard-section';
import Link from 'next/link';
import { NextPage, pageHref } from '@/components/forms/search-pager';
import { PageTitle } from '@/components/layout/app-shell';
import { LeaseBalanceList } from '@/components/leases/lease-balance-list';
import { PaymentList } from '@/components/leases/payment-list';
import { AccountBalance } from '@/components/payments/account-balance';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listLeasesInArrearsPage, listRecentPaymentsForCaller } from '@/db/queries/overview';
import { requirePageCaller } from '@/lib/auth/session';
import { currentPeriod } from '@/lib/ledger/rent-period';
import { formatPeriod } from '@/lib/format-time';

export const metadata: Metadata = { title: 'Agency overview' };
export const dynamic = 'force-dynamic';

export default async function AdminHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const after = [(await searchParams).arrears].flat()[0];
  const caller = await requirePageCaller(['admin']);
  const db = await getDb();
  // The arrears list is paged (largest first) and the full lease list lives on /leases: an agency's overview must not
  // render every lease it has.
  const dashboard = startDashboard(db, { caller });
  const [inArrears, payments] = await Promise.all([listLeasesInArrearsPage(db, { caller, after }), listRecentPaymentsForCaller(db, { caller, limit: 10 })]);
  const arrears = inArrears.summary;
  return (
    <>
      <PageTitle title="Agency overview" subtitle={formatPeriod(currentPeriod())} />
      <DashboardSection dashboard={dashboard} />
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
