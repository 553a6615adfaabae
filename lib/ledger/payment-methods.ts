import type { PaymentMethod } from '@/db/schema/ledger';

export const paymentMethodLabel: Record<PaymentMethod, string> = {
  mpesa_stk: 'M-Pesa (prompt)',
  mpesa_paybill: 'M-Pesa (paybill)',
  cash: 'Cash',
  bank: 'Bank transfer',
  cheque: 'Cheque',
  deposit: 'From the deposit',
};

/** Methods an admin records by hand (and may undo); M-Pesa payments are corrected only by an M-Pesa reversal. */
export const MANUAL_PAYMENT_METHODS = ['cash', 'bank', 'cheque'] as const satisfies readonly PaymentMethod[];
export type ManualPaymentMethod = (typeof MANUAL_PAYMENT_METHODS)[number];
