import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { PaymentSearchRow } from '@/db/queries/payment-search';
import { formatDateTime } from '@/lib/format-time';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';

/** Search results at 360 px: amount and receipt, then who and where, then when and how; each opens its detail. */
export function PaymentSearchResults({ items }: { items: PaymentSearchRow[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="payment-results">
      {items.map((p) => (
        <li key={p.id} className="py-3" data-testid="payment-result" data-payment-id={p.id}>
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <Link href={`/payments/${p.id}`} className="font-semibold text-brand-700 underline">
              {formatKes(p.amountCents)}
              {p.receipt && <span className="ml-2 font-mono text-sm">{p.receipt}</span>}
            </Link>
            {p.status === 'reversed' ? <Badge tone="red">Reversed</Badge> : <Badge tone="green">Paid</Badge>}
          </div>
          <p className="break-words text-sm text-slate-800">
            {p.tenantName} · <Link href={`/leases/${p.leaseId}`} className="underline">{p.propertyName} {p.unitLabel}</Link> · <span className="font-mono">{p.accountReference}</span>
          </p>
          <p className="break-words text-sm text-slate-600">
            {formatDateTime(p.paidAt)} · {paymentMethodLabel[p.method]}
            {p.payerPhone ? ` · ${formatKenyanPhone(p.payerPhone)}` : ''}
            {p.reference ? ` · ${p.reference}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}
