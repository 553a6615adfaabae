import Image from 'next/image';
import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getPaymentCorrection } from '@/db/queries/ledger-balances';
import { getPaymentForCaller } from '@/db/queries/payments';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';
import { qrSvg } from '@/lib/receipts/qr';
import { describeBalance, loadReceiptView } from '@/lib/receipts/receipt-view';
import { PrintButton } from './print-button';
import { parseIdParam } from '@/lib/validation/strict';

export const metadata = { title: 'Receipt · Haven' };
export const dynamic = 'force-dynamic';

/**
 * A printable receipt: the tenant, their landlord and the agency's admins can open it; anyone else gets a 404.
 * It shows what it showed when issued (the snapshot taken with the payment); a later reversal or undo is added
 * as a notice, never by rewriting what the payment was applied to.
 */
export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller();
  // An id that cannot be one is a page that does not exist, not a database error.
  const id = parseIdParam((await params).id);
  if (!id) notFound();
  const db = await getDb();
  const scoped = await getPaymentForCaller(db, { caller, paymentId: id });
  // The same figures as the PDF and the emailed receipt: one view model makes them all.
  const payment = scoped ? await loadReceiptView(db, { paymentId: scoped.id }) : null;
  if (!payment) notFound();
  const periods = payment.allocations.map((a) => `${a.label} (${formatKes(a.amountCents)})`);
  const credit = payment.creditCents;
  const qr = `data:image/svg+xml;base64,${Buffer.from(await qrSvg(payment.verifyUrl)).toString('base64')}`;

  const correction = payment.reversed ? await getPaymentCorrection(db, { paymentId: payment.id }) : null;
  const corrected = payment.reversed;
  const correctionLabel = payment.correctionLabel ?? 'Reversed';
  const reference = payment.mpesaReceiptNumber
    ? ['M-Pesa receipt', <span key="r" data-testid="receipt-number" className="font-mono">{payment.mpesaReceiptNumber}</span>]
    : payment.method === 'mpesa_stk' || payment.method === 'mpesa_paybill'
      ? ['M-Pesa receipt', 'Awaiting the number from M-Pesa']
      : ['Reference', payment.reference ?? '—'];
  const rows: [string, React.ReactNode][] = [
    ['Status', <span key="s" data-testid="receipt-status">{corrected ? <Badge tone="red">{correctionLabel}</Badge> : <Badge tone="green">Paid</Badge>}</span>],
    ['Amount', <span key="a" data-testid="receipt-amount" className="text-lg font-bold">{formatKes(payment.amountCents)}</span>],
    reference as [string, React.ReactNode],
    ['Date and time', `${formatDateTime(payment.paidAt)} (Nairobi)`],
    ['Paid by', `${payment.tenantName}${payment.payerPhone ? `, ${formatKenyanPhone(payment.payerPhone)}` : ''}`],
    ['Home', `${payment.propertyName}, unit ${payment.unitLabel} (account ${payment.accountReference})`],
    ['Method', payment.methodLabel],
    ['Paid towards', <span key="t" data-testid="receipt-paid-towards">{periods.length ? periods.join(', ') : 'Kept as credit'}</span>],
    ...(credit > 0 && payment.allocations.length ? ([['Kept as credit', formatKes(credit)]] as [string, string][]) : []),
    ['Balance after this payment', <span key="b" data-testid="receipt-balance-after">{describeBalance(payment.balanceAfterCents, formatKes)}</span>],
  ];

  return (
    <>
      <PageTitle title="Rent receipt" subtitle={corrected ? `This payment was ${correctionLabel.toLowerCase()}.` : 'Thank you for your payment.'} action={<PrintButton />} />
      {corrected && (
        <Alert tone="warning" title={correctionLabel}>
          {correction?.kind === 'merge'
            ? `The agency found this was the same money as another payment already in the books and merged them on ${formatDateTime(correction.effectiveAt)}: ${correction.reason}. The money counts once, on the other payment's receipt.`
            : `${correction?.kind === 'void'
              ? `The agency undid this payment${correction ? ` on ${formatDateTime(correction.effectiveAt)}: ${correction.reason}` : ''}.`
              : `M-Pesa returned this money to the payer${payment.reversedAt ? ` on ${formatDateTime(payment.reversedAt)}` : ''}.`} It no longer counts towards rent: what it paid is owed again.`}{' '}
          The receipt below shows what it said when it was issued.
        </Alert>
      )}
      <Card>
        <dl className="divide-y divide-slate-100">
          {rows.map(([label, value]) => (
            <div key={label} className="grid gap-1 py-2 sm:grid-cols-3">
              <dt className="text-sm text-slate-600">{label}</dt>
              <dd className="text-slate-900 sm:col-span-2">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500">
          Receipt {payment.id}
          {payment.issuedAt && <> · issued {formatDateTime(payment.issuedAt)}</>}
        </p>

        <div className="mt-4 flex flex-wrap items-center gap-4 border-t border-slate-100 pt-4">
          <Image unoptimized src={qr} alt={`QR code to check this receipt at ${payment.verifyUrl}`} width={112} height={112} data-testid="receipt-qr" />
          <div className="min-w-0 text-sm">
            <p className="text-slate-600">Receipt number</p>
            <p className="font-mono text-base font-semibold" data-testid="receipt-code">{payment.code}</p>
            <p className="mt-1 break-all text-xs text-slate-500">Anyone can check it at <a className="underline" href={payment.verifyUrl}>{payment.verifyUrl}</a></p>
          </div>
        </div>
      </Card>
      <div className="no-print">
        <ButtonLink href={`/api/v1/receipts/${payment.id}/pdf`} variant="secondary" prefetch={false}>
          Download PDF
        </ButtonLink>
      </div>
      {!corrected && payment.mpesaReceiptNumber && caller.role !== 'tenant' && (
        <div className="no-print">
          <ButtonLink href={`/payments/${payment.id}/reverse`} variant="secondary">
            Reverse this payment
          </ButtonLink>
        </div>
      )}
    </>
  );
}
