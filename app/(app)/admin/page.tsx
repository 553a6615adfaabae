import type { Metadata } from 'next';
import { DashboardSection } from '@/components/dashboard/dashboard-section';
import { PageTitle } from '@/components/layout/app-shell';
import { LeaseBalanceList } from '@/components/leases/lease-balance-list';
import { PaymentList } from '@/components/leases/payment-list';
import { AccountBalance } from '@/components/payments/account-balance';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listLeaseBalancesForCaller, listRecentPaymentsForCaller } from '@/db/queries/overview';
import { requirePageCaller } from '@/lib/auth/session';
import { currentPeriod } from '@/lib/ledger/rent-period';
import { formatPeriod } from '@/lib/format-time';

export const metadata: Metadata = { title: 'Agency overview' };
export const dynamic = 'force-dynamic';

export default async function AdminHome() {
  const caller = await requirePageCaller(['admin']);
  const db = await getDb();
  const [leases, payments] = await Promise.all([listLeaseBalancesForCaller(db, { caller }), listRecentPaymentsForCaller(db, { caller, limit: 10 })]);
  const inArrears = leases.filter((l) => l.balanceCents > 0).sort((a, b) => b.balanceCents - a.balanceCents);
  return (
    <>
      <PageTitle title="Agency overview" subtitle={formatPeriod(currentPeriod())} />
      <DashboardSection caller={caller} />
      <AccountBalance />
      <Card title="Leases in arrears">
        <LeaseBalanceList items={inArrears} empty="Every lease is paid up." />
      </Card>
      <Card title="Recent payments">
        <PaymentList items={payments.map((p) => ({ ...p, context: `${p.tenantName}, ${p.propertyName} ${p.unitLabel}` }))} />
      </Card>
      <Card title="All leases">
        <LeaseBalanceList items={leases} empty="No leases yet." />
      </Card>
    </>
  );
}
