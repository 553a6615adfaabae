import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { StatementRangeForm } from '@/components/statements/statement-range-form';
import { Card, Stat } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { requirePageCaller } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { formatDate } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { getLandlordStatement } from '@/lib/statements/load-statements';
import { PrintButton } from '../../../receipts/[id]/print-button';

export const metadata: Metadata = { title: 'Landlord statement' };
export const dynamic = 'force-dynamic';

export default async function LandlordStatementPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const caller = await requirePageCaller(['admin', 'landlord']);
  const { id } = await params;
  const { from, to } = await searchParams;
  const loaded = await getLandlordStatement(await getDb(), { caller, propertyId: id, from, to }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') return null;
    throw e;
  });
  if (!loaded) notFound();
  const { property, statement: s } = loaded;
  const t = s.totals;
  return (
    <>
      <PageTitle title="Landlord statement" subtitle={`${property.name} · ${property.landlordName} · ${formatDate(s.from)} to ${formatDate(s.to)}`} action={<PrintButton />} />
      <StatementRangeForm action={`/properties/${property.id}/statement`} from={s.from} to={s.to} csvHref={`/api/v1/statements/landlord/${property.id}?from=${s.from}&to=${s.to}`} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Rent and charges due" value={<span data-testid="ls-charged">{formatKes(t.chargedCents)}</span>} />
        <Stat label="Collected" value={<span data-testid="ls-collected">{formatKes(t.collectedCents)}</span>} tone="good" />
        <Stat label={`Commission (${s.commissionBps / 100}%)`} value={<span data-testid="ls-commission">{formatKes(t.commissionCents)}</span>} />
        <Stat label="Due to landlord" value={<span data-testid="ls-due">{formatKes(t.dueToLandlordCents)}</span>} hint={t.deductionsKeptCents ? `incl. ${formatKes(t.deductionsKeptCents)} deposit deductions` : undefined} tone="good" />
      </div>
      <Card title="Arrears by age (at the end of the range)">
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" data-testid="ls-arrears">
          {([['0–30 days', t.arrears.days0to30], ['31–60 days', t.arrears.days31to60], ['61–90 days', t.arrears.days61to90], ['Over 90 days', t.arrears.days90plus], ['Total', t.arrears.total]] as const).map(([k, v]) => (
            <div key={k}><dt className="text-slate-500">{k}</dt><dd className="font-semibold">{formatKes(v)}</dd></div>
          ))}
        </dl>
        <p className="mt-3 text-sm text-slate-700">Deposits held: <strong>{formatKes(t.depositHeldCents)}</strong> · refunded in the range: {formatKes(t.refundsCents)}</p>
      </Card>
      <Card title="By unit">
        <div className="overflow-x-auto">
          <table className="w-full min-w-[560px] text-sm" data-testid="landlord-statement">
            <thead><tr className="border-b text-left text-slate-600"><th className="py-2 pr-2">Unit</th><th className="pr-2">Tenant</th><th className="pr-2 text-right">Due</th><th className="pr-2 text-right">Collected</th><th className="pr-2 text-right">Arrears</th><th className="text-right">Deposit held</th></tr></thead>
            <tbody>
              {s.lines.map((l) => (
                <tr key={l.leaseId} className="border-b border-slate-100">
                  <td className="py-1 pr-2">{l.unitLabel}</td><td className="pr-2">{l.tenantName}{l.status === 'ended' ? ' (moved out)' : ''}</td>
                  <td className="pr-2 text-right">{formatKes(l.chargedCents)}</td><td className="pr-2 text-right">{formatKes(l.collectedCents)}</td>
                  <td className="pr-2 text-right">{formatKes(l.arrears.total)}</td><td className="text-right">{formatKes(l.depositHeldCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
