import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { getAgencyName } from '@/db/queries/messaging-settings';
import { requireApiCaller } from '@/lib/auth/session';
import { renderLandlordStatementPdf } from '@/lib/statements/statement-pdf';
import { pdfResponse } from '@/lib/api/pdf-response';
import { statementFormatSchema } from '@/lib/statements/statement-format';
import { landlordStatementCsv } from '@/lib/statements/statement-csv';
import { getLandlordStatement } from '@/lib/statements/load-statements';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A property's landlord statement as CSV, streamed, or as a PDF with `format=pdf` (`?from=YYYY-MM-DD&to=YYYY-MM-DD`). */
export const GET = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const url = new URL(request.url);
  const format = statementFormatSchema.parse(url.searchParams.get('format') ?? undefined);
  const db = await getDb();
  const { property, statement } = await getLandlordStatement(db, { caller, propertyId: id, from: url.searchParams.get('from'), to: url.searchParams.get('to') });
  if (format === 'pdf') {
    const pdf = await renderLandlordStatementPdf(statement, { agencyName: await getAgencyName(db, { agencyId: property.agencyId }), propertyName: property.name, landlordName: property.landlordName });
    return pdfResponse(pdf, `landlord-statement-${property.code}-${statement.from}-to-${statement.to}.pdf`);
  }
  return new Response(landlordStatementCsv(statement, `Landlord statement: ${property.name} (${property.landlordName})`), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="landlord-statement-${property.code}-${statement.from}-to-${statement.to}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
});
