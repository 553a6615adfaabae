import 'server-only';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { createPdf } from '@/lib/pdf/pdf-document';
import { formatKenyanPhone } from '@/lib/phone';
import { QR_MARGIN_MODULES, qrMatrix } from './qr';
import { describeBalance, type ReceiptView } from './receipt-view';

/** The receipt as a PDF: the same figures as the receipt page, with the QR code that proves it. */
export async function renderReceiptPdf(r: ReceiptView): Promise<Uint8Array> {
  const pdf = await createPdf({
    title: 'Rent receipt',
    agencyName: r.agencyName,
    subtitle: r.correctionLabel ? `Receipt ${r.code} · ${r.correctionLabel.toUpperCase()}` : `Receipt ${r.code}`,
  });
  pdf.keyValues([
    ['Status', r.correctionLabel ? `${r.correctionLabel}${r.reversedAt ? ` on ${formatDateTime(r.reversedAt)}` : ''}` : 'Paid'],
    ['Amount', formatKes(r.amountCents)],
    r.mpesaReceiptNumber || r.method.startsWith('mpesa')
      ? ['M-Pesa receipt', r.mpesaReceiptNumber ?? 'Awaiting the number from M-Pesa']
      : ['Reference', r.reference ?? '—'],
    ['Date and time', `${formatDateTime(r.paidAt)} (Nairobi)`],
    ['Paid by', `${r.tenantName}${r.payerPhone ? `, ${formatKenyanPhone(r.payerPhone)}` : ''}`],
    ['Home', `${r.propertyName}, unit ${r.unitLabel} (account ${r.accountReference})`],
    ['Method', r.methodLabel],
  ]);
  // The receipt shows what it showed when issued; a reversal or undo is a notice on top, never a rewrite.
  if (r.correctionLabel) pdf.paragraph(`This payment was ${r.correctionLabel.toLowerCase()}: it no longer counts towards rent, and what it paid is owed again.`);
  pdf.heading('Paid towards');
  const rows = r.allocations.map((a) => [a.label, formatKes(a.amountCents)]);
  if (r.creditCents > 0) rows.push(['Kept as credit', formatKes(r.creditCents)]);
  pdf.table({
    columns: [{ header: 'Item', width: 0.7 }, { header: 'Amount', width: 0.3, align: 'right' }],
    rows,
    totals: ['Total paid', formatKes(r.amountCents)],
  });
  pdf.keyValues([['Balance after this payment', describeBalance(r.balanceAfterCents, formatKes)]]);
  pdf.qr(qrMatrix(r.verifyUrl), { size: 110, margin: QR_MARGIN_MODULES, caption: `Check this receipt: scan the code or open ${r.verifyUrl}` });
  return pdf.save();
}
