import type { PaymentCorrectionKind } from '@/db/schema/ledger';

/**
 * How a corrected payment reads everywhere (lists, receipts, statements): an M-Pesa reversal sent the money back;
 * a void undid a payment a person recorded or placed; a merge took out a payment that was the same money as
 * another one already in the books. Client-safe: no server imports.
 */
export const correctionLabels = {
  mpesa_reversal: { badge: 'Reversed', statementLine: 'Payment reversed' },
  void: { badge: 'Undone', statementLine: 'Payment undone' },
  merge: { badge: 'Merged', statementLine: 'Payment merged' },
} as const satisfies Record<PaymentCorrectionKind, { badge: string; statementLine: string }>;

export function correctionBadge(kind: PaymentCorrectionKind | null | undefined): string {
  return correctionLabels[kind ?? 'mpesa_reversal'].badge;
}
