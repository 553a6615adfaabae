import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listPaymentAllocations } from '@/db/queries/ledger';
import { getBalanceAfterPayment } from '@/db/queries/payments';
import { ensureReceiptCode, getReceiptSource } from '@/db/queries/receipts';
import { getEnv } from '@/lib/env';
import { formatPeriod } from '@/lib/format-time';
import { receiptVerifyUrl } from './receipt-code';

/**
 * One receipt, computed once for every place that shows it — the page, the PDF, the email and the SMS — so their
 * figures are the same by construction.
 */

export const paymentMethodLabel = { mpesa_stk: 'M-Pesa (prompt)', mpesa_paybill: 'M-Pesa (paybill)', cash: 'Cash', bank: 'Bank transfer' } as const;

export type ReceiptView = NonNullable<Awaited<ReturnType<typeof loadReceiptView>>>;

export async function loadReceiptView(db: DbOrTx, { paymentId }: { paymentId: string }) {
  const source = await getReceiptSource(db, { paymentId });
  if (!source) return null;
  const [allocations, balanceAfterCents, code] = await Promise.all([
    listPaymentAllocations(db, { paymentId }),
    getBalanceAfterPayment(db, { leaseId: source.leaseId, paymentId }),
    ensureReceiptCode(db, { paymentId }),
  ]);
  const allocatedCents = allocations.reduce((sum, a) => sum + a.amountCents, 0);
  return {
    ...source,
    code,
    verifyUrl: receiptVerifyUrl(getEnv().appUrl, code),
    reversed: source.status === 'reversed',
    methodLabel: paymentMethodLabel[source.method],
    allocations: allocations.map((a) => ({ label: a.period ? `Rent ${formatPeriod(a.period)}` : a.description, amountCents: a.amountCents })),
    allocatedCents,
    creditCents: source.amountCents - allocatedCents,
    /** Positive: still owed after this payment; negative: in credit. */
    balanceAfterCents,
  };
}

export function describeBalance(balanceAfterCents: number, format: (cents: number) => string): string {
  if (balanceAfterCents > 0) return `${format(balanceAfterCents)} owed`;
  if (balanceAfterCents < 0) return `${format(-balanceAfterCents)} in credit`;
  return 'Fully paid';
}
