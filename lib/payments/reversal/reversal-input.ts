import { z } from 'zod';

/** `POST /api/v1/mpesa/reverse` `{ transactionId, amount, remarks }`, shared by the form and the route. */
export const reversalRequestSchema = z.object({
  transactionId: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{10}$/, 'An M-Pesa receipt number has 10 letters and digits'),
  // Whole shillings; a reversal returns the whole payment, so the service checks it equals the payment.
  amount: z.number({ error: 'Enter the amount in shillings' }).int('M-Pesa moves whole shillings only').positive().optional(),
  remarks: z.string().trim().min(2, 'Give a reason for the reversal (at least 2 characters)').max(100, 'Keep the reason to 100 characters'),
});

export type ReversalRequestInput = z.input<typeof reversalRequestSchema>;
export type ReversalRequest = z.output<typeof reversalRequestSchema>;
