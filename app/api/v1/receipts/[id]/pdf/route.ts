import { getDb } from '@/db/client';
import { getPaymentForCaller } from '@/db/queries/payments';
import { pdfResponse } from '@/lib/api/pdf-response';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { renderReceiptPdf } from '@/lib/receipts/receipt-pdf';
import { loadReceiptView } from '@/lib/receipts/receipt-view';

export const dynamic = 'force-dynamic';

/** The receipt as a PDF, for whoever may open the receipt page (the tenant, their landlord, the agency's admins). */
export const GET = handleApi(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const { id } = await params;
  const db = await getDb();
  const payment = await getPaymentForCaller(db, { caller, paymentId: id });
  const receipt = payment ? await loadReceiptView(db, { paymentId: payment.id }) : null;
  if (!receipt) throw notFound('That receipt');
  const pdf = await renderReceiptPdf(receipt);
  return pdfResponse(pdf, `receipt-${receipt.code}.pdf`);
});
