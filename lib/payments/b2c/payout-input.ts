import { z } from 'zod';
import { idSchema, safeText, strictKes } from '@/lib/validation/strict';

/** What a payout request carries, shared by the form (client) and `POST /api/v1/mpesa/b2c` (server). */

export const PAYOUT_OCCASIONS = ['Refund', 'Payout', 'Salary', 'Bonus', 'Commission'] as const;
export type PayoutOccasion = (typeof PAYOUT_OCCASIONS)[number];

// Daraja's B2C limits (SPEC §5.1): whole shillings, KES 10 to 250,000 per transaction.
export const B2C_MIN_KES = 10;
export const B2C_MAX_KES = 250_000;

const RECIPIENT_REQUIRED = 'Enter the recipient’s M-Pesa number';

const payoutFields = z.object({
  leaseId: idSchema('That lease id is not valid').optional(),
  phone: safeText({ min: 1, max: 30, required: RECIPIENT_REQUIRED }).optional(),
  // The write-up's name for the same field (`POST /api/v1/mpesa/b2c {"phoneNumber", …}`): scripts written from
  // it work as written. `phone` wins when both are sent.
  phoneNumber: safeText({ min: 1, max: 30, required: RECIPIENT_REQUIRED }).optional().describe('Another name for `phone`, as the original API documents it.'),
  amount: strictKes({
    min: B2C_MIN_KES,
    max: B2C_MAX_KES,
    required: 'Enter an amount in shillings',
    notWhole: 'M-Pesa sends whole shillings only',
    tooSmall: `M-Pesa sends at least KES ${B2C_MIN_KES}`,
    tooLarge: `M-Pesa sends at most KES ${B2C_MAX_KES.toLocaleString('en-KE')} at a time`,
  }),
  occasion: z.enum(PAYOUT_OCCASIONS, { error: 'Choose what the payment is for' }),
  // Daraja limits Remarks to 2–100 characters (SPEC §5.1).
  remarks: safeText({ min: 2, max: 100, required: 'Say why this money is being sent (at least 2 characters)', tooLong: 'Keep remarks to 100 characters' }),
  requestApproval: z.boolean().optional().default(false),
  idempotencyKey: safeText({ min: 8, max: 100 }).optional(),
});

export const payoutRequestSchema = payoutFields
  .refine((body) => body.phone !== undefined || body.phoneNumber !== undefined, { path: ['phone'], message: RECIPIENT_REQUIRED })
  .transform(({ phone, phoneNumber, ...rest }) => ({ ...rest, phone: phone ?? phoneNumber ?? '' }));

export type PayoutRequestInput = z.input<typeof payoutRequestSchema>;
export type PayoutRequest = z.output<typeof payoutRequestSchema>;

/** SalaryPayment for salaries; everything else is a BusinessPayment (SPEC §5.1). */
export function commandIdFor(occasion: PayoutOccasion): 'SalaryPayment' | 'BusinessPayment' {
  return occasion === 'Salary' ? 'SalaryPayment' : 'BusinessPayment';
}
