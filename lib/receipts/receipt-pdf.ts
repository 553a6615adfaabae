import 'server-only';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { createPdf } from '@/lib/pdf/pdf-document';
import { formatKenyanPhone } from '@/lib/phone';
import { qrPng } from './qr';
import { describeBalance, type ReceiptView } from './receipt-view';

/** The receipt as a PDF: the same figures as the receipt page, with the QR code that proves it. */
export async function renderReceiptPdf(r: ReceiptView): Promise<Uint8Array> {
  const pdf = await createPdf({
    title: 'Rent receipt',
    agencyName: r.agencyName,
    subtitle: r.reversed ? `Receipt ${r.code} · REVERSED` : `Receipt ${r.code}`,
  });
  pdf.keyValues([
    ['Status', r.reversed ? `Reversed${r.reversedAt ? ` on ${formatDateTime(r.reversedAt)}` : ''}` : 'Paid'],
    ['Amount', formatKes(r.amountCents)],
    ['M-Pesa receipt', r.mpesaReceiptNumber ?? (r.method.startsWith('mpesa') ? 'Awaiting the number from M-Pesa' : 'Not an M-Pesa payment')],
    ['Date and time', `${formatDateTime(r.paidAt)} (Nairobi)`],
    ['Paid by', `${r.tenantName}${r.payerPhone ? `, ${formatKenyanPhone(r.payerPhone)}` : ''}`],
    ['Home', `${r.propertyName}, unit ${r.unitLabel} (account ${r.accountReference})`],
    ['Method', r.methodLabel],
  ]);
  pdf.heading('Paid towards');
  if (r.reversed) {
    pdf.paragraph('Nothing: the payment was reversed and the rent it covered is owed again.');
  } else {
    const rows = r.allocations.map((a) => [a.label, formatKes(a.amountCents)]);
    if (r.creditCents > 0) rows.push(['Kept as credit', formatKes(r.creditCents)]);
    pdf.table({
      columns: [{ header: 'Item', width: 0.7 }, { header: 'Amount', width: 0.3, align: 'right' }],
      rows,
      totals: ['Total paid', formatKes(r.amountCents)],
    });
  }
  pdf.keyValues([['Balance after this payment', describeBalance(r.balanceAfterCents, formatKes)]]);
  await pdf.image(await qrPng(r.verifyUrl, 300), { size: 110, caption: `Check this receipt: scan the code or open ${r.verifyUrl}` });
  return pdf.save();
}
