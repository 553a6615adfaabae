import { stringify } from 'csv-stringify/sync';
import type { PaymentSearchRow } from '@/db/queries/payment-search';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';

/**
 * Payments as CSV, streamed: the stream pulls one batch of rows from the database when the client is ready for more
 * (backpressure), and csv-stringify quotes each batch per RFC 4180. Amounts are shillings with two decimals.
 */

export const PAYMENTS_CSV_HEADER = ['Paid at (Nairobi)', 'Amount (KES)', 'Method', 'Status', 'M-Pesa receipt', 'Payer phone', 'Reference', 'Tenant', 'Property', 'Unit', 'Account', 'Payment id'];

const nairobiTime = (at: Date) => new Date(at.getTime() + 3 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with ' so it stays text. */
const cell = (text: string | null) => (text === null ? '' : /^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export function paymentCsvRow(p: PaymentSearchRow): string[] {
  return [
    nairobiTime(p.paidAt),
    (p.amountCents / 100).toFixed(2),
    paymentMethodLabel[p.method],
    p.status,
    cell(p.receipt),
    cell(p.payerPhone),
    cell(p.reference),
    cell(p.tenantName),
    cell(p.propertyName),
    cell(p.unitLabel),
    cell(p.accountReference),
    p.id,
  ];
}

/** How a download ended: every row sent, or the client went away after `rows` of them. */
export interface CsvStreamEnd {
  rows: number;
  completed: boolean;
}

export function paymentsCsvStream(batches: AsyncIterable<PaymentSearchRow[]>, { onEnd }: { onEnd?: (end: CsvStreamEnd) => Promise<void> } = {}): ReadableStream<Uint8Array> {
  const iterator = batches[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let started = false;
  let rows = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A byte-order mark, so Excel reads the file as UTF-8 (names with accents).
        controller.enqueue(encoder.encode(`\ufeff${stringify([PAYMENTS_CSV_HEADER])}`));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        // Before closing, so that once a client has the whole file its audit row exists.
        await onEnd?.({ rows, completed: true });
        return controller.close();
      }
      rows += next.value.length;
      controller.enqueue(encoder.encode(stringify(next.value.map(paymentCsvRow))));
    },
    async cancel() {
      await iterator.return?.(undefined);
      await onEnd?.({ rows, completed: false });
    },
  });
}
