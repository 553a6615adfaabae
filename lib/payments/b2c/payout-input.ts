import { z } from 'zod';

/** What a payout request carries, shared by the form (client) and `POST /api/v1/mpesa/b2c` (server). */

export const PAYOUT_OCCASIONS = ['Refund', 'Payout', 'Salary', 'Bonus', 'Commission'] as const;
export type PayoutOccasion = (typeof PAYOUT_OCCASIONS)[number];

// Daraja's B2C limits (SPEC §5.1): whole shillings, KES 10 to 250,000 per transaction.
export const B2C_MIN_KES = 10;
export const B2C_MAX_KES = 250_000;

export const payoutRequestSchema = z.object({
  leaseId: z.uuid('That lease id is not valid').optional(),
  phone: z.string().trim().min(1, 'Enter the recipient’s M-Pesa number').max(30),
  amount: z
    .number({ error: 'Enter an amount in shillings' })
    .int('M-Pesa sends whole shillings only')
    .min(B2C_MIN_KES, `M-Pesa sends at least KES ${B2C_MIN_KES}`)
    .max(B2C_MAX_KES, `M-Pesa sends at most KES ${B2C_MAX_KES.toLocaleString('en-KE')} at a time`),
  occasion: z.enum(PAYOUT_OCCASIONS, { error: 'Choose what the payment is for' }),
  // Daraja limits Remarks to 2–100 characters (SPEC §5.1).
  remarks: z.string().trim().min(2, 'Say why this money is being sent (at least 2 characters)').max(100, 'Keep remarks to 100 characters'),
  requestApproval: z.boolean().optional().default(false),
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
});

export type PayoutRequestInput = z.input<typeof payoutRequestSchema>;
export type PayoutRequest = z.output<typeof payoutRequestSchema>;

/** SalaryPayment for salaries; everything else is a BusinessPayment (SPEC §5.1). */
export function commandIdFor(occasion: PayoutOccasion): 'SalaryPayment' | 'BusinessPayment' {
  return occasion === 'Salary' ? 'SalaryPayment' : 'BusinessPayment';
}
