import 'server-only';
import { getLeaseBalance } from '@/db/queries/ledger';
import { getPayoutById } from '@/db/queries/mpesa-b2c';
import { getReversalById } from '@/db/queries/mpesa-reversals';
import { getAgencyName } from '@/db/queries/messaging-settings';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';
import { qrPng } from '@/lib/receipts/qr';
import { renderReceiptPdf } from '@/lib/receipts/receipt-pdf';
import { describeBalance, loadReceiptView, type ReceiptView } from '@/lib/receipts/receipt-view';
import { renderEmail } from './email-layout';
import { fitSms, shorten, smsDate, smsDateTime, smsKes } from './sms-fit';
import { payloadString, type Rendered, type RenderContext } from './types';

/** Receipts, reversal notices and refund notices: what a tenant is told when money moves. */

const kes = (cents: number) => smsKes(formatKes(cents));

async function receiptEmail(r: ReceiptView, heading: string, paragraphs: string[]): Promise<Rendered> {
  const rows: [string, string][] = [
    ['Status', r.reversed ? 'Reversed' : 'Paid'],
    ['Amount', formatKes(r.amountCents)],
    ['M-Pesa receipt', r.mpesaReceiptNumber ?? '—'],
    ['Date and time', `${formatDateTime(r.paidAt)} (Nairobi)`],
    ['Home', `${r.propertyName}, unit ${r.unitLabel}`],
    ['Paid towards', r.reversed ? 'Nothing (reversed)' : r.allocations.length ? r.allocations.map((a) => `${a.label} (${formatKes(a.amountCents)})`).join(', ') : 'Kept as credit'],
    ['Balance after this payment', describeBalance(r.balanceAfterCents, formatKes)],
    ['Receipt number', r.code],
  ];
  const { html, text } = renderEmail({
    agencyName: r.agencyName,
    heading,
    paragraphs,
    rows,
    image: { cid: 'receipt-qr', alt: 'QR code of this receipt', caption: `Anyone can check this receipt at ${r.verifyUrl}` },
    button: { label: 'Check this receipt', url: r.verifyUrl },
    footer: `The receipt is attached as a PDF. Sent by ${r.agencyName} through Haven.`,
  });
  const [qr, pdf] = await Promise.all([qrPng(r.verifyUrl, 280), renderReceiptPdf(r)]);
  return {
    fromName: r.agencyName,
    subject: `${r.reversed ? 'Reversed: ' : ''}Receipt ${r.code}: ${formatKes(r.amountCents)} for ${r.propertyName} ${r.unitLabel}`,
    text,
    html,
    attachments: [
      { filename: 'receipt-qr.png', content: qr, contentType: 'image/png', cid: 'receipt-qr' },
      { filename: `receipt-${r.code}.pdf`, content: pdf, contentType: 'application/pdf' },
    ],
  };
}

/**
 * An STK payment credited from the STK query alone has no M-Pesa receipt number yet; its callback (or the paybill
 * confirmation) usually brings it within seconds. The receipt waits that long for it, then goes without.
 */
const WAIT_FOR_MPESA_NUMBER_MS = 90_000;

export const paymentReceipt = async ({ db, message, now }: RenderContext): Promise<Rendered> => {
  const r = await loadReceiptView(db, { paymentId: payloadString(message, 'paymentId') });
  if (!r) return { skip: 'The payment no longer exists' };
  if (!r.mpesaReceiptNumber && r.method.startsWith('mpesa') && now.getTime() - message.createdAt.getTime() < WAIT_FOR_MPESA_NUMBER_MS) {
    return { defer: 'Waiting for the M-Pesa receipt number', until: new Date(now.getTime() + 5_000) };
  }
  if (message.channel === 'email') {
    return receiptEmail(r, 'Payment received', [`Thank you: we received ${formatKes(r.amountCents)} for ${r.propertyName}, unit ${r.unitLabel}.`]);
  }
  const mpesa = r.mpesaReceiptNumber ? ` M-Pesa ${r.mpesaReceiptNumber}.` : '';
  const when = smsDateTime(r.paidAt);
  const balance = describeBalance(r.balanceAfterCents, kes);
  return {
    fromName: r.agencyName,
    subject: null,
    text: fitSms([
      `${r.agencyName}: received ${kes(r.amountCents)} for ${r.propertyName} ${r.unitLabel} on ${when}.${mpesa} Balance: ${balance}. Receipt: ${r.verifyUrl}`,
      `${r.agencyName}: received ${kes(r.amountCents)} for ${r.propertyName} ${r.unitLabel} on ${when}.${mpesa} Receipt: ${r.verifyUrl}`,
      `${shorten(r.agencyName, 24)}: received ${kes(r.amountCents)} for unit ${shorten(r.unitLabel, 10)} on ${when}.${mpesa} Receipt: ${r.verifyUrl}`,
      `${shorten(r.agencyName, 16)}: ${kes(r.amountCents)} received.${mpesa} ${r.verifyUrl}`,
    ]),
  };
};

export const paymentReversed = async ({ db, message }: RenderContext): Promise<Rendered> => {
  const reversal = await getReversalById(db, { reversalId: payloadString(message, 'reversalId') });
  const r = reversal?.paymentId ? await loadReceiptView(db, { paymentId: reversal.paymentId }) : null;
  if (!reversal || !r) return { skip: 'The reversed payment is not on record' };
  const owed = (await getLeaseBalance(db, { leaseId: r.leaseId })).dueCents;
  const on = smsDate(reversal.completedAt ?? r.reversedAt ?? new Date());
  if (message.channel === 'email') {
    return receiptEmail(r, 'Payment reversed', [
      `Your payment of ${formatKes(r.amountCents)}${r.mpesaReceiptNumber ? ` (M-Pesa ${r.mpesaReceiptNumber})` : ''} was reversed on ${on}: M-Pesa returned the money to the payer.`,
      `It no longer counts towards rent. You now owe ${formatKes(owed)}.`,
    ]);
  }
  const ref = r.mpesaReceiptNumber ? ` (M-Pesa ${r.mpesaReceiptNumber})` : '';
  return {
    fromName: r.agencyName,
    subject: null,
    text: fitSms([
      `${r.agencyName}: your payment of ${kes(r.amountCents)}${ref} was reversed on ${on} and no longer counts towards rent. You owe ${kes(owed)}. ${r.verifyUrl}`,
      `${r.agencyName}: your payment of ${kes(r.amountCents)}${ref} was reversed on ${on}. It no longer counts towards rent. You owe ${kes(owed)}.`,
      `${shorten(r.agencyName, 16)}: payment of ${kes(r.amountCents)}${ref} reversed on ${on}. You owe ${kes(owed)}.`,
    ]),
  };
};

export const refundSent = async ({ db, message }: RenderContext): Promise<Rendered> => {
  const payout = await getPayoutById(db, { payoutId: payloadString(message, 'payoutId') });
  if (!payout || payout.status !== 'SUCCESS') return { skip: 'The refund did not complete' };
  const agencyName = await getAgencyName(db, { agencyId: payout.agencyId });
  const phone = formatKenyanPhone(payout.phone);
  const ref = payout.transactionId ? ` M-Pesa ref ${payout.transactionId}.` : '';
  const on = smsDate(payout.completedAt ?? new Date());
  if (message.channel === 'email') {
    const { html, text } = renderEmail({
      agencyName,
      heading: 'Deposit refund sent',
      paragraphs: [`We sent ${formatKes(payout.amountCents)} to the M-Pesa number ${phone} on ${on}.`],
      rows: [['Amount', formatKes(payout.amountCents)], ['To', phone], ['M-Pesa reference', payout.transactionId ?? '—'], ['Reason', payout.remarks]],
    });
    return { fromName: agencyName, subject: `Deposit refund of ${formatKes(payout.amountCents)} sent`, text, html };
  }
  return {
    fromName: agencyName,
    subject: null,
    text: fitSms([
      `${agencyName}: your deposit refund of ${kes(payout.amountCents)} was sent to M-Pesa ${phone} on ${on}.${ref}`,
      `${shorten(agencyName, 16)}: refund of ${kes(payout.amountCents)} sent to ${phone} on ${on}.${ref}`,
    ]),
  };
};
