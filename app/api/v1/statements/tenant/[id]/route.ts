import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { tenantStatementCsv } from '@/lib/statements/statement-csv';
import { getTenantStatement } from '@/lib/statements/load-statements';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A lease's tenant statement as CSV (`?from=YYYY-MM-DD&to=YYYY-MM-DD`), streamed. */
export const GET = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const { id } = await context.params;
  const url = new URL(request.url);
  const { lease, statement } = await getTenantStatement(await getDb(), { caller, leaseId: id, from: url.searchParams.get('from'), to: url.searchParams.get('to') });
  const heading = `Statement: ${lease.tenantName}, ${lease.propertyName} ${lease.unitLabel} (account ${lease.accountReference})`;
  return new Response(tenantStatementCsv(statement, heading), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="statement-${lease.accountReference}-${statement.from}-to-${statement.to}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
