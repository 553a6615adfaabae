import 'server-only';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { iteratePaymentsForCaller } from '@/db/queries/payment-search';
import type { Caller } from '@/lib/auth/caller';
import type { PaymentFilters } from './payment-filters';
import { paymentsCsvStream } from './payments-csv';

/**
 * The explorer's CSV export, audited: a file of payments (phones, names, receipts) leaving Haven is something an
 * agency must be able to trace, so each download writes who took it, with which filters and how many rows. The
 * row count is known only at the end of the stream, so the audit row is written then (or when the client gives up,
 * marked incomplete). Rows stay scoped by the query (admins: the agency; landlords: their properties).
 */
export function exportPaymentsCsv(db: Db, { caller, filters }: { caller: Caller; filters: PaymentFilters }): ReadableStream<Uint8Array> {
  const exportId = crypto.randomUUID();
  return paymentsCsvStream(iteratePaymentsForCaller(db, { caller, filters }), {
    onEnd: ({ rows, completed }) =>
      recordAudit(db, {
        actor: caller,
        agencyId: caller.agencyId,
        action: 'payments.csv_exported',
        targetType: 'payments_export',
        targetId: exportId,
        details: { filters, rows, completed },
      }),
  });
}
