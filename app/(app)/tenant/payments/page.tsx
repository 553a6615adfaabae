import Link from 'next/link';
import { PageTitle } from '@/components/layout/app-shell';
import { FindPayment } from '@/components/payments/find-payment';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { listPushesForCaller } from '@/db/queries/mpesa-transactions';
import { listPaymentsForCaller } from '@/db/queries/payments';
import { requirePageCaller } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { describeResult } from '@/lib/mpesa/result-codes';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';

export const metadata = { title: 'Payments · Haven' };
export const dynamic = 'force-dynamic';

const pushTone = { SUCCESS: 'green', PENDING: 'blue', FAILED: 'red', CANCELLED: 'slate', TIMEOUT: 'amber' } as const;

export default async function PaymentHistoryPage() {
  const caller = await requirePageCaller(['tenant']);
  const db = await getDb();
  const [payments, pushes] = await Promise.all([listPaymentsForCaller(db, { caller }), listPushesForCaller(db, { caller, limit: 10 })]);
  const attempts = pushes.filter(({ push }) => push.status !== 'SUCCESS');

  return (
    <>
      <PageTitle title="Payments" subtitle="Everything credited to your lease, newest first." action={<ButtonLink href="/tenant/pay">Pay rent</ButtonLink>} />
      <Card title="Payments received">
        {payments.length === 0 ? (
          <EmptyState>No payments yet.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="payment-history">
            {payments.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <p className="font-semibold text-slate-900">{formatKes(p.amountCents)}</p>
                  <p className="text-sm text-slate-600">
                    {formatDateTime(p.paidAt)} · {paymentMethodLabel[p.method]}
                    {p.mpesaReceiptNumber && <span className="font-mono"> · {p.mpesaReceiptNumber}</span>}
                    {p.status === 'reversed' && <Badge tone="red">Reversed</Badge>}
                  </p>
                </div>
                <span className="flex gap-4">
                  <Link href={`/payments/${p.id}`} className="min-h-11 content-center text-sm font-medium text-brand-700 underline">
                    History<span className="sr-only"> of {formatKes(p.amountCents)} on {formatDateTime(p.paidAt)}</span>
                  </Link>
                  <Link href={`/receipts/${p.id}`} className="min-h-11 content-center text-sm font-medium text-brand-700 underline">
                    Receipt<span className="sr-only"> for {formatKes(p.amountCents)} on {formatDateTime(p.paidAt)}</span>
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <FindPayment />
      {attempts.length > 0 && (
        <Card title="Recent M-Pesa prompts that did not go through">
          <ul className="divide-y divide-slate-100 text-sm">
            {attempts.map(({ push }) => (
              <li key={push.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {formatDateTime(push.createdAt)} · {formatKes(push.amountCents)}
                  {push.resultCode && ` · ${describeResult({ api: 'stk', code: push.resultCode, resultDesc: push.resultDescription }).message}`}
                </span>
                <Badge tone={pushTone[push.status]}>{push.status === 'PENDING' ? 'Waiting' : push.status.toLowerCase()}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
