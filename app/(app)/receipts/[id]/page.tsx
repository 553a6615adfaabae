import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getPaymentCorrection, getPaymentReceipt, listPaymentAllocations } from '@/db/queries/ledger-balances';
import { getBalanceAfterPayment, getPaymentForCaller } from '@/db/queries/payments';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDateTime, formatPeriod } from '@/lib/format-time';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';
import { PrintButton } from './print-button';

export const metadata = { title: 'Receipt · Haven' };
export const dynamic = 'force-dynamic';

/**
 * A printable receipt: the tenant, their landlord and the agency's admins can open it; anyone else gets a 404.
 * It shows what it showed when issued (the snapshot taken with the payment); a later reversal or undo is added
 * as a notice, never by rewriting what the payment was applied to.
 */
export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller();
  const { id } = await params;
  const db = await getDb();
  const payment = await getPaymentForCaller(db, { caller, paymentId: id });
  if (!payment) notFound();
  const [snapshot, correction] = await Promise.all([getPaymentReceipt(db, { paymentId: payment.id }), getPaymentCorrection(db, { paymentId: payment.id })]);
  // Payments from before receipts were frozen fall back to the live allocation.
  const lines = snapshot?.lines ?? (await listPaymentAllocations(db, { paymentId: payment.id }));
  const balanceAfter = snapshot ? snapshot.balanceAfterCents : await getBalanceAfterPayment(db, { leaseId: payment.leaseId, paymentId: payment.id });
  const periods = lines.map((a) => `${a.kind === 'rent' && a.period ? `Rent ${formatPeriod(a.period)}` : a.description} (${formatKes(a.amountCents)})`);
  const credit = snapshot ? snapshot.creditCents : payment.amountCents - lines.reduce((sum, a) => sum + a.amountCents, 0);

  const corrected = payment.status === 'reversed';
  const correctionLabel = correction?.kind === 'void' ? 'Undone' : 'Reversed';
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
    ['Method', paymentMethodLabel[payment.method]],
    ['Paid towards', <span key="t" data-testid="receipt-paid-towards">{periods.length ? periods.join(', ') : 'Kept as credit'}</span>],
    ...(credit > 0 && lines.length ? ([['Kept as credit', formatKes(credit)]] as [string, string][]) : []),
    ['Balance after this payment', <span key="b" data-testid="receipt-balance-after">{balanceAfter > 0 ? `${formatKes(balanceAfter)} owed` : balanceAfter < 0 ? `${formatKes(-balanceAfter)} in credit` : 'Fully paid'}</span>],
  ];

  return (
    <>
      <PageTitle title="Rent receipt" subtitle={corrected ? `This payment was ${correctionLabel.toLowerCase()}.` : 'Thank you for your payment.'} action={<PrintButton />} />
      {corrected && (
        <Alert tone="warning" title={correctionLabel}>
          {correction?.kind === 'void'
            ? `The agency undid this payment${correction ? ` on ${formatDateTime(correction.effectiveAt)}: ${correction.reason}` : ''}.`
            : `M-Pesa returned this money to the payer${payment.reversedAt ? ` on ${formatDateTime(payment.reversedAt)}` : ''}.`}{' '}
          It no longer counts towards rent: what it paid is owed again. The receipt below shows what it said when it was issued.
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
          {snapshot && <> · issued {formatDateTime(snapshot.issuedAt)}</>}
        </p>
      </Card>
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
