import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { pdfResponse } from '@/lib/api/pdf-response';
import { statementFormatSchema } from '@/lib/statements/statement-format';
import { getAgencyName } from '@/db/queries/messaging-settings';
import { tenantStatementCsv } from '@/lib/statements/statement-csv';
import { renderTenantStatementPdf } from '@/lib/statements/statement-pdf';
import { getTenantStatement } from '@/lib/statements/load-statements';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A lease's tenant statement as CSV, streamed, or as a PDF with `format=pdf` (`?from=YYYY-MM-DD&to=YYYY-MM-DD`). */
export const GET = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const { id } = await context.params;
  const url = new URL(request.url);
  const format = statementFormatSchema.parse(url.searchParams.get('format') ?? undefined);
  const db = await getDb();
  const { lease, statement } = await getTenantStatement(db, { caller, leaseId: id, from: url.searchParams.get('from'), to: url.searchParams.get('to') });
  const name = `statement-${lease.accountReference}-${statement.from}-to-${statement.to}`;
  if (format === 'pdf') {
    const pdf = await renderTenantStatementPdf(statement, {
      agencyName: await getAgencyName(db, { agencyId: lease.agencyId }), tenantName: lease.tenantName, home: `${lease.propertyName} ${lease.unitLabel}`, accountReference: lease.accountReference,
    });
    return pdfResponse(pdf, `${name}.pdf`);
  }
  const heading = `Statement: ${lease.tenantName}, ${lease.propertyName} ${lease.unitLabel} (account ${lease.accountReference})`;
  return new Response(tenantStatementCsv(statement, heading), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
