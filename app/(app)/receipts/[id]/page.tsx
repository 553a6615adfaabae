import { notFound } from 'next/navigation';
import { PageTitle } from '@/components/layout/app-shell';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listPaymentAllocations } from '@/db/queries/ledger';
import { getBalanceAfterPayment, getPaymentForCaller } from '@/db/queries/payments';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDateTime, formatPeriod } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';
import { PrintButton } from './print-button';
import { parseIdParam } from '@/lib/validation/strict';

export const metadata = { title: 'Receipt · Haven' };
export const dynamic = 'force-dynamic';

const methodLabel = { mpesa_stk: 'M-Pesa (prompt)', mpesa_paybill: 'M-Pesa (paybill)', cash: 'Cash', bank: 'Bank transfer' } as const;

/** A printable receipt: the tenant, their landlord and the agency's admins can open it; anyone else gets a 404. */
export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller();
  // An id that cannot be one is a page that does not exist, not a database error.
  const id = parseIdParam((await params).id);
  if (!id) notFound();
  const db = await getDb();
  const payment = await getPaymentForCaller(db, { caller, paymentId: id });
  if (!payment) notFound();
  const [allocations, balanceAfter] = await Promise.all([
    listPaymentAllocations(db, { paymentId: payment.id }),
    getBalanceAfterPayment(db, { leaseId: payment.leaseId, paymentId: payment.id }),
  ]);
  const periods = allocations.map((a) => `${a.period ? formatPeriod(a.period) : a.description} (${formatKes(a.amountCents)})`);
  const allocated = allocations.reduce((sum, a) => sum + a.amountCents, 0);
  const credit = payment.amountCents - allocated;

  const reversed = payment.status === 'reversed';
  const rows: [string, React.ReactNode][] = [
    ['Status', <span key="s" data-testid="receipt-status">{reversed ? <Badge tone="red">Reversed</Badge> : <Badge tone="green">Paid</Badge>}</span>],
    ['Amount', <span key="a" data-testid="receipt-amount" className="text-lg font-bold">{formatKes(payment.amountCents)}</span>],
    ['M-Pesa receipt', payment.mpesaReceiptNumber ? <span key="r" data-testid="receipt-number" className="font-mono">{payment.mpesaReceiptNumber}</span> : 'Awaiting the number from M-Pesa'],
    ['Date and time', `${formatDateTime(payment.paidAt)} (Nairobi)`],
    ['Paid by', `${payment.tenantName}${payment.payerPhone ? `, ${formatKenyanPhone(payment.payerPhone)}` : ''}`],
    ['Home', `${payment.propertyName}, unit ${payment.unitLabel} (account ${payment.accountReference})`],
    ['Method', methodLabel[payment.method]],
    ['Paid towards', reversed ? 'Nothing: the payment was reversed and the rent it covered is owed again' : periods.length ? periods.join(', ') : 'Kept as credit'],
    ...(credit > 0 && allocations.length ? ([['Kept as credit', formatKes(credit)]] as [string, string][]) : []),
    ['Balance after this payment', <span key="b" data-testid="receipt-balance-after">{balanceAfter > 0 ? `${formatKes(balanceAfter)} owed` : balanceAfter < 0 ? `${formatKes(-balanceAfter)} in credit` : 'Fully paid'}</span>],
  ];

  return (
    <>
      <PageTitle title="Rent receipt" subtitle={reversed ? 'This payment was reversed.' : 'Thank you for your payment.'} action={<PrintButton />} />
      {reversed && (
        <Alert tone="warning" title="Reversed">
          M-Pesa returned this money to the payer{payment.reversedAt ? ` on ${formatDateTime(payment.reversedAt)}` : ''}. It no longer counts towards rent.
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
        <p className="mt-3 text-xs text-slate-500">Receipt {payment.id}</p>
      </Card>
      {!reversed && payment.mpesaReceiptNumber && caller.role !== 'tenant' && (
        <div className="no-print">
          <ButtonLink href={`/payments/${payment.id}/reverse`} variant="secondary">
            Reverse this payment
          </ButtonLink>
        </div>
      )}
    </>
  );
}
