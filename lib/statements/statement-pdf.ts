import { formatKes } from '@/lib/money';
import { renderTablePdf } from '@/lib/pdf/table-pdf';
import type { LandlordStatement } from './landlord-statement';
import type { TenantStatement } from './tenant-statement';

/**
 * Statements as PDFs, from the same builders as the screen and the CSV (lib/statements), so the totals printed
 * are the totals shown. The table breaks across pages with its header repeated (lib/pdf/table-pdf.ts).
 */

const money = (cents: number) => (cents === 0 ? '' : formatKes(cents));

export function renderTenantStatementPdf(
  s: TenantStatement,
  { agencyName, tenantName, home, accountReference }: { agencyName: string; tenantName: string; home: string; accountReference: string },
): Promise<Uint8Array> {
  return renderTablePdf({
    title: 'Tenant statement',
    agencyName,
    subtitle: `${home} · ${s.from} to ${s.to}`,
    details: [['Tenant', tenantName], ['Account number', accountReference], ['Opening balance', formatKes(s.openingBalanceCents)], ['Closing balance', formatKes(s.closingBalanceCents)]],
    columns: [
      { header: 'Date', width: 0.13 },
      { header: 'Description', width: 0.33 },
      { header: 'Reference', width: 0.15 },
      { header: 'Charged', width: 0.13, align: 'right' },
      { header: 'Paid', width: 0.13, align: 'right' },
      { header: 'Balance', width: 0.13, align: 'right' },
    ],
    rows: s.entries.map((e) => [e.date, e.description || e.type, e.reference, money(e.debitCents), money(e.creditCents), formatKes(e.balanceCents)]),
    totals: ['', 'Totals', '', formatKes(s.totals.debitCents), formatKes(s.totals.creditCents), formatKes(s.closingBalanceCents)],
    notes: ['A positive balance is owed by the tenant; a negative one is credit held for them.'],
  });
}

export function renderLandlordStatementPdf(
  s: LandlordStatement,
  { agencyName, propertyName, landlordName }: { agencyName: string; propertyName: string; landlordName: string },
): Promise<Uint8Array> {
  const t = s.totals;
  return renderTablePdf({
    title: 'Landlord statement',
    agencyName,
    subtitle: `${propertyName} · ${s.from} to ${s.to}`,
    details: [
      ['Landlord', landlordName],
      ['Collected', formatKes(t.collectedCents)],
      [`Commission (${(s.commissionBps / 100).toFixed(2)}%)`, formatKes(t.commissionCents)],
      ['Due to the landlord', formatKes(t.dueToLandlordCents)],
    ],
    columns: [
      { header: 'Unit', width: 0.1 },
      { header: 'Tenant', width: 0.22 },
      { header: 'Charged', width: 0.14, align: 'right' },
      { header: 'Collected', width: 0.14, align: 'right' },
      { header: 'Arrears', width: 0.14, align: 'right' },
      { header: 'Deposit held', width: 0.13, align: 'right' },
      { header: 'Refunds', width: 0.13, align: 'right' },
    ],
    rows: s.lines.map((l) => [l.unitLabel, l.tenantName, formatKes(l.chargedCents), formatKes(l.collectedCents), formatKes(l.arrears.total), formatKes(l.depositHeldCents), formatKes(l.refundsCents)]),
    totals: ['Total', '', formatKes(t.chargedCents), formatKes(t.collectedCents), formatKes(t.arrears.total), formatKes(t.depositHeldCents), formatKes(t.refundsCents)],
    notes: [`Arrears by age: 0–30 days ${formatKes(t.arrears.days0to30)}, 31–60 ${formatKes(t.arrears.days31to60)}, 61–90 ${formatKes(t.arrears.days61to90)}, over 90 ${formatKes(t.arrears.days90plus)}.`],
  });
}
