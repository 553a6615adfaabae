import { z } from 'zod';
import { idSchema, safeText } from '@/lib/validation/strict';

/** What a tenant sends to find a missing payment (shared by the route and the form, so both say the same thing). */

export const MPESA_CODE_HINT = 'The 10 letters and digits at the start of your M-Pesa SMS, like TAH5J2K991';

/** `tah5 j2k 991` → `TAH5J2K991`: people copy codes with spaces or in lower case. */
export const normalizeMpesaCode = (typed: string) => typed.replace(/[\s-]+/g, '').toUpperCase();

export function mpesaCodeProblem(typed: string): string | null {
  const code = normalizeMpesaCode(typed);
  if (!code) return 'Enter the M-Pesa code from your SMS';
  if (!/^[A-Z0-9]{10}$/.test(code)) return `That is not an M-Pesa code. ${MPESA_CODE_HINT}.`;
  return null;
}

export const paymentLookupSchema = z.object({
  code: safeText({ min: 1, max: 20, required: 'Enter the M-Pesa code from your SMS', tooLong: `That is not an M-Pesa code. ${MPESA_CODE_HINT}.` })
    .transform(normalizeMpesaCode)
    .refine((code) => /^[A-Z0-9]{10}$/.test(code), `That is not an M-Pesa code. ${MPESA_CODE_HINT}.`),
  leaseId: idSchema('Choose one of your leases').optional(),
});
