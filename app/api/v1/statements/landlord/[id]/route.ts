import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { landlordStatementCsv } from '@/lib/statements/statement-csv';
import { getLandlordStatement } from '@/lib/statements/load-statements';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A property's landlord statement as CSV (`?from=YYYY-MM-DD&to=YYYY-MM-DD`), streamed. */
export const GET = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const url = new URL(request.url);
  const { property, statement } = await getLandlordStatement(await getDb(), { caller, propertyId: id, from: url.searchParams.get('from'), to: url.searchParams.get('to') });
  return new Response(landlordStatementCsv(statement, `Landlord statement: ${property.name} (${property.landlordName})`), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="landlord-statement-${property.code}-${statement.from}-to-${statement.to}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
