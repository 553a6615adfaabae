import { z } from 'zod';
import { safeText, strictKes } from '@/lib/validation/strict';

/** `POST /api/v1/mpesa/reverse` `{ transactionId, amount, remarks }`, shared by the form and the route. */
export const reversalRequestSchema = z.object({
  transactionId: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{10}$/, 'An M-Pesa receipt number has 10 letters and digits'),
  // Whole shillings; a reversal returns the whole payment, so the service checks it equals the payment.
  amount: strictKes({ min: 1, max: 1_000_000_000, required: 'Enter the amount in shillings', notWhole: 'M-Pesa moves whole shillings only' }).optional(),
  remarks: safeText({ min: 2, max: 100, required: 'Give a reason for the reversal (at least 2 characters)', tooLong: 'Keep the reason to 100 characters' }),
});

export type ReversalRequestInput = z.input<typeof reversalRequestSchema>;
export type ReversalRequest = z.output<typeof reversalRequestSchema>;
