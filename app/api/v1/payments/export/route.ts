import { getDb } from '@/db/client';
import { iteratePaymentsForCaller } from '@/db/queries/payment-search';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { paymentFiltersFrom } from '@/lib/console/payment-filters';
import { paymentsCsvStream } from '@/lib/console/payments-csv';
import { nairobiDay } from '@/lib/nairobi-day';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The caller's payments matching the search filters (`?q=&from=&to=&method=&status=&propertyId=`) as CSV, streamed.
 * Admins get the agency's, landlords their own properties' (the query scopes it). A GET writes nothing, not even
 * an audit row: reads stay safe to repeat (the fuzzer checks that no request it sends changes a row).
 */
export const GET = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const parsed = paymentFiltersFrom(new URL(request.url).searchParams);
  if (!parsed.success) throw parsed.error;
  const db = await getDb();
  return new Response(paymentsCsvStream(iteratePaymentsForCaller(db, { caller, filters: parsed.data })), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="payments-${nairobiDay()}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
