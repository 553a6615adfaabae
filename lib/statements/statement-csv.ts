import { stringify } from 'csv-stringify';
import type { LandlordStatement } from './landlord-statement';
import type { TenantStatement } from './tenant-statement';

/**
 * Statements as CSV, streamed (csv-stringify quotes per RFC 4180). Amounts are shillings with two decimals,
 * so the file adds up to the cent in a spreadsheet.
 */

const kes = (cents: number) => (cents / 100).toFixed(2);

function toWebStream(rows: (string | number)[][]): ReadableStream<Uint8Array> {
  const stringifier = stringify({ bom: true });
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      stringifier.on('data', (chunk: Buffer | string) => controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk)));
      stringifier.on('end', () => controller.close());
      stringifier.on('error', (e) => controller.error(e));
      for (const row of rows) stringifier.write(row);
      stringifier.end();
    },
  });
}

export function tenantStatementCsv(s: TenantStatement, heading: string): ReadableStream<Uint8Array> {
  return toWebStream([
    [heading],
    ['From', s.from, 'To', s.to],
    ['Date', 'Type', 'Description', 'Reference', 'Charged (KES)', 'Paid (KES)', 'Balance (KES)'],
    [s.from, 'Opening balance', '', '', '', '', kes(s.openingBalanceCents)],
    ...s.entries.map((e) => [e.date, e.type, e.description, e.reference, e.debitCents ? kes(e.debitCents) : '', e.creditCents ? kes(e.creditCents) : '', kes(e.balanceCents)]),
    [s.to, 'Totals', '', '', kes(s.totals.debitCents), kes(s.totals.creditCents), ''],
    [s.to, 'Closing balance', '', '', '', '', kes(s.closingBalanceCents)],
  ]);
}

export function landlordStatementCsv(s: LandlordStatement, heading: string): ReadableStream<Uint8Array> {
  const t = s.totals;
  return toWebStream([
    [heading],
    ['From', s.from, 'To', s.to, 'Commission %', (s.commissionBps / 100).toFixed(2)],
    ['Unit', 'Tenant', 'Account', 'Status', 'Charged (KES)', 'Collected (KES)', 'Arrears 0-30', 'Arrears 31-60', 'Arrears 61-90', 'Arrears 90+', 'Arrears total', 'Deposit held', 'Refunds', 'Deductions kept'],
    ...s.lines.map((l) => [l.unitLabel, l.tenantName, l.accountReference, l.status, kes(l.chargedCents), kes(l.collectedCents), kes(l.arrears.days0to30), kes(l.arrears.days31to60), kes(l.arrears.days61to90), kes(l.arrears.days90plus), kes(l.arrears.total), kes(l.depositHeldCents), kes(l.refundsCents), kes(l.deductionsKeptCents)]),
    ['Total', '', '', '', kes(t.chargedCents), kes(t.collectedCents), kes(t.arrears.days0to30), kes(t.arrears.days31to60), kes(t.arrears.days61to90), kes(t.arrears.days90plus), kes(t.arrears.total), kes(t.depositHeldCents), kes(t.refundsCents), kes(t.deductionsKeptCents)],
    ['Commission', kes(t.commissionCents)],
    ['Due to landlord', kes(t.dueToLandlordCents)],
  ]);
}
