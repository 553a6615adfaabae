import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { StatementRangeForm } from '@/components/statements/statement-range-form';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { requirePageCaller } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { formatDate } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { getTenantStatement } from '@/lib/statements/load-statements';
import { PrintButton } from '../../../receipts/[id]/print-button';

export const metadata: Metadata = { title: 'Tenant statement' };
export const dynamic = 'force-dynamic';

export default async function TenantStatementPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const caller = await requirePageCaller();
  const { id } = await params;
  const { from, to } = await searchParams;
  const loaded = await getTenantStatement(await getDb(), { caller, leaseId: id, from, to }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') return null;
    throw e;
  });
  if (!loaded) notFound();
  const { lease, statement: s } = loaded;
  const csv = `/api/v1/statements/tenant/${lease.id}?from=${s.from}&to=${s.to}`;
  return (
    <>
      <PageTitle title="Statement" subtitle={`${lease.tenantName} · ${lease.propertyName} ${lease.unitLabel} · account ${lease.accountReference}`} action={<PrintButton />} />
      <StatementRangeForm action={`/leases/${lease.id}/statement`} from={s.from} to={s.to} csvHref={csv} />
      <Card>
        <p className="mb-2 text-sm text-slate-700">{formatDate(s.from)} to {formatDate(s.to)}</p>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[560px] text-sm" data-testid="tenant-statement">
            <thead><tr className="border-b text-left text-slate-600"><th className="py-2 pr-2">Date</th><th className="pr-2">Description</th><th className="pr-2">Reference</th><th className="pr-2 text-right">Charged</th><th className="pr-2 text-right">Paid</th><th className="text-right">Balance</th></tr></thead>
            <tbody>
              <tr className="border-b"><td className="py-2 pr-2">{s.from}</td><td colSpan={4}>Opening balance</td><td className="text-right" data-testid="opening-balance">{formatKes(s.openingBalanceCents)}</td></tr>
              {s.entries.map((e, i) => (
                <tr key={i} className="border-b border-slate-100">
                  <td className="py-1 pr-2 whitespace-nowrap">{e.date}</td>
                  <td className="pr-2">{e.type === 'Charge' || e.type === 'Payment' ? e.description : `${e.type}: ${e.description}`}</td>
                  <td className="pr-2 font-mono text-xs">{e.reference}</td>
                  <td className="pr-2 text-right">{e.debitCents ? formatKes(e.debitCents) : ''}</td>
                  <td className="pr-2 text-right">{e.creditCents ? formatKes(e.creditCents) : ''}</td>
                  <td className="text-right">{formatKes(e.balanceCents)}</td>
                </tr>
              ))}
              <tr className="font-semibold"><td className="py-2 pr-2">{s.to}</td><td colSpan={2}>Totals and closing balance</td><td className="pr-2 text-right" data-testid="total-charged">{formatKes(s.totals.debitCents)}</td><td className="pr-2 text-right" data-testid="total-paid">{formatKes(s.totals.creditCents)}</td><td className="text-right" data-testid="closing-balance">{formatKes(s.closingBalanceCents)}</td></tr>
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
