import { z } from 'zod';
import { idSchema, safeText } from '@/lib/validation/strict';
import { MPESA_CODE_HINT, normalizeMpesaCode } from './mpesa-code';

export { MPESA_CODE_HINT, mpesaCodeProblem, normalizeMpesaCode } from './mpesa-code';

/** What a tenant sends to find a missing payment (the form checks the code with ./mpesa-code, without zod). */
export const paymentLookupSchema = z.object({
  code: safeText({ min: 1, max: 20, required: 'Enter the M-Pesa code from your SMS', tooLong: `That is not an M-Pesa code. ${MPESA_CODE_HINT}.` })
    .transform(normalizeMpesaCode)
    .refine((code) => /^[A-Z0-9]{10}$/.test(code), `That is not an M-Pesa code. ${MPESA_CODE_HINT}.`),
  leaseId: idSchema('Choose one of your leases').optional(),
});
