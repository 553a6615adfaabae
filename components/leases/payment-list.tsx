import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import type { PaymentCorrectionKind, PaymentMethod } from '@/db/schema/ledger';
import { correctionBadge } from '@/lib/ledger/correction-label';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';

export interface PaymentListItem {
  id: string;
  amountCents: number;
  receipt: string | null;
  paidAt: Date;
  status: 'completed' | 'reversed';
  method: PaymentMethod;
  /** A voided manual payment reads "Undone"; an M-Pesa one "Reversed". */
  correctionKind?: PaymentCorrectionKind | null;
  context?: string;
  /** Shown to those who may reverse it (admins, the lease's landlord). */
  reverseHref?: string;
}


/**
 * Payments as a list that reads well at 360 px: amount first, then who paid and for which unit, then when and how.
 * Lines wrap instead of truncating: a payer or unit cut off with an ellipsis is a payment nobody can identify.
 */
export function PaymentList({ items, empty = 'No payments yet.' }: { items: PaymentListItem[]; empty?: string }) {
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="payment-list">
      {items.map((p) => (
        <li key={p.id} className="flex items-start justify-between gap-3 py-3" data-testid="payment-row">
          <div className="min-w-0">
            <p className="font-semibold text-slate-900" data-testid="payment-amount">
              {formatKes(p.amountCents)}{' '}
              {p.status === 'reversed' && <Badge tone="red">{correctionBadge(p.correctionKind)}</Badge>}
            </p>
            {p.context && <p className="break-words text-sm text-slate-800" data-testid="payment-context">{p.context}</p>}
            <p className="break-words text-sm text-slate-600">
              {formatDateTime(p.paidAt)} · {paymentMethodLabel[p.method]}
            </p>
          </div>
          <span className="flex shrink-0 flex-col items-end gap-1">
            <Link href={`/receipts/${p.id}`} className="font-mono text-sm text-brand-700 underline">
              {p.receipt ?? 'Receipt'}
            </Link>
            <Link href={`/payments/${p.id}`} className="text-xs font-medium text-brand-700 underline" aria-label={`What happened to payment ${p.receipt ?? formatKes(p.amountCents)}`}>
              History
            </Link>
            {p.reverseHref && p.status === 'completed' && (
              <Link href={p.reverseHref} className="text-xs font-medium text-red-700 underline">
                Reverse
              </Link>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
