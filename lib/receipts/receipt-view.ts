import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getPaymentCorrection, getPaymentReceipt, listPaymentAllocations } from '@/db/queries/ledger-balances';
import { getBalanceAfterPayment } from '@/db/queries/payments';
import { ensureReceiptCode, getReceiptSource } from '@/db/queries/receipts';
import { getEnv } from '@/lib/env';
import { formatPeriod } from '@/lib/format-time';
import { correctionBadge } from '@/lib/ledger/correction-label';
import { paymentMethodLabel } from '@/lib/ledger/payment-methods';
import { receiptVerifyUrl } from './receipt-code';

/**
 * One receipt, computed once for every place that shows it — the page, the PDF, the email and the SMS — so their
 * figures are the same by construction.
 */

export type ReceiptView = NonNullable<Awaited<ReturnType<typeof loadReceiptView>>>;

export async function loadReceiptView(db: DbOrTx, { paymentId }: { paymentId: string }) {
  const source = await getReceiptSource(db, { paymentId });
  if (!source) return null;
  // A receipt shows what it showed when issued: the snapshot frozen with the payment. Payments from before receipts
  // were frozen fall back to the live allocation.
  const [snapshot, correction, code] = await Promise.all([
    getPaymentReceipt(db, { paymentId }),
    getPaymentCorrection(db, { paymentId }),
    ensureReceiptCode(db, { paymentId }),
  ]);
  const lines = snapshot?.lines ?? (await listPaymentAllocations(db, { paymentId }));
  const balanceAfterCents = snapshot ? snapshot.balanceAfterCents : await getBalanceAfterPayment(db, { leaseId: source.leaseId, paymentId });
  const allocatedCents = lines.reduce((sum, a) => sum + a.amountCents, 0);
  const reversed = source.status === 'reversed';
  return {
    ...source,
    code,
    verifyUrl: receiptVerifyUrl(getEnv().appUrl, code),
    reversed,
    /** `Reversed` (M-Pesa reversal), `Undone` (voided) or `Merged`, when corrected. */
    correctionLabel: reversed ? correctionBadge(correction?.kind) : null,
    issuedAt: snapshot?.issuedAt ?? null,
    methodLabel: paymentMethodLabel[source.method],
    allocations: lines.map((a) => ({ label: a.kind === 'rent' && a.period ? `Rent ${formatPeriod(a.period)}` : a.description, amountCents: a.amountCents })),
    allocatedCents,
    creditCents: snapshot ? snapshot.creditCents : source.amountCents - allocatedCents,
    /** Positive: still owed after this payment; negative: in credit. */
    balanceAfterCents,
  };
}

export function describeBalance(balanceAfterCents: number, format: (cents: number) => string): string {
  if (balanceAfterCents > 0) return `${format(balanceAfterCents)} owed`;
  if (balanceAfterCents < 0) return `${format(-balanceAfterCents)} in credit`;
  return 'Fully paid';
}
