import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { paymentFiltersFrom } from '@/lib/console/payment-filters';
import { exportPaymentsCsv } from '@/lib/console/export-payments-csv';
import { nairobiDay } from '@/lib/nairobi-day';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The caller's payments matching the search filters (`?q=&from=&to=&method=&status=&propertyId=`) as CSV, streamed.
 * Admins get the agency's, landlords their own properties' (the query scopes it). The one GET that writes: an audit
 * row per download (who, filters, row count), since data leaving Haven must be traceable; it changes no other row.
 */
export const GET = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const parsed = paymentFiltersFrom(new URL(request.url).searchParams);
  if (!parsed.success) throw parsed.error;
  const db = await getDb();
  return new Response(exportPaymentsCsv(db, { caller, filters: parsed.data }), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="payments-${nairobiDay()}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
