import { z } from 'zod';

/** What POST /api/v1/payments/find answers (find-my-payment.ts builds it; the tenant's page parses it). Client-safe. */

export const foundPaymentSchema = z.object({ id: z.string(), receipt: z.string(), amountCents: z.number().int(), paidAt: z.string(), home: z.string() });

export const paymentLookupAnswerSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.enum(['credited', 'already-credited']), message: z.string(), payment: foundPaymentSchema }),
  z.object({ outcome: z.enum(['checking', 'not-found', 'not-yours']), message: z.string() }),
]);
