import { createPdf, type TableColumn } from './pdf-document';

/**
 * A titled table as a PDF: what a statement is (tenant statement, landlord statement, payment history). The table
 * breaks across pages with its header repeated; `totals` is printed once, after the last row.
 */
export async function renderTablePdf(input: {
  title: string;
  agencyName: string;
  subtitle?: string;
  details?: [string, string][];
  columns: TableColumn[];
  rows: string[][];
  totals?: string[];
  notes?: string[];
}): Promise<Uint8Array> {
  const pdf = await createPdf({ title: input.title, agencyName: input.agencyName, subtitle: input.subtitle });
  if (input.details?.length) pdf.keyValues(input.details);
  pdf.table({ columns: input.columns, rows: input.rows, totals: input.totals });
  for (const note of input.notes ?? []) pdf.paragraph(note, { size: 9, muted: true });
  return pdf.save();
}
