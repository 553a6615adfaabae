import { z } from 'zod';
import { idSchema, safeText, strictKes } from '@/lib/validation/strict';
import { STK_MAX_KES, STK_MIN_KES } from './stk-settings';

/**
 * Daraja shows AccountReference in the PIN prompt and documents at most 12 characters; longer ones are cut on
 * its side unpredictably or refused. Integrators send longer ones ("Rent-Jan-2024", the write-up's own example),
 * so Haven accepts up to 64 and cuts them itself, where it can be seen: whole characters, no trailing separator.
 */
export const DARAJA_ACCOUNT_REFERENCE_MAX = 12;
const ACCOUNT_REFERENCE_ACCEPTED_MAX = 64;

export function fitAccountReference(reference: string): string {
  return Array.from(reference.trim()).slice(0, DARAJA_ACCOUNT_REFERENCE_MAX).join('').replace(/[\s_-]+$/, '');
}

/**
 * `POST /api/v1/mpesa/stk-push`, as the write-up documents it. Without `leaseId`, `accountReference` names the
 * lease (`KH-A1-R`, matched as a tenant's paybill account number is: lib/leases/account-reference.ts).
 */
export const stkPushRequestSchema = z.object({
  phoneNumber: safeText({ min: 1, max: 20, required: 'Enter your M-Pesa phone number' }),
  // Whole KES as a JSON integer, as rent-payment integrators send it; Daraja moves whole shillings only.
  // Strings ("16", "0x10", "1e1"), booleans and arrays are refused (see lib/validation/strict.ts).
  amount: strictKes({
    min: STK_MIN_KES,
    max: STK_MAX_KES,
    tooSmall: `The minimum M-Pesa payment is KES ${STK_MIN_KES}`,
    tooLarge: `The maximum M-Pesa payment is KES ${STK_MAX_KES.toLocaleString('en-KE')}`,
  }),
  accountReference: safeText({ max: ACCOUNT_REFERENCE_ACCEPTED_MAX, tooLong: `The account reference can have at most ${ACCOUNT_REFERENCE_ACCEPTED_MAX} characters` })
    .regex(/^[\w -]*$/, 'Use letters, digits, spaces and dashes')
    .optional()
    .describe(
      `Without leaseId: the lease's account number (e.g. KH-A1-R; case, spaces and dashes do not matter). With leaseId: free text shown in the M-Pesa prompt, cut to ${DARAJA_ACCOUNT_REFERENCE_MAX} characters (Daraja's limit); defaults to the lease's account number.`,
    ),
  leaseId: idSchema('Choose a lease').optional().describe('The lease to pay; may be left out when accountReference is the lease’s account number'),
}).refine((body) => body.leaseId !== undefined || (body.accountReference ?? '').trim() !== '', {
  path: ['accountReference'],
  message: 'Send the lease’s account number as accountReference, or its leaseId',
});

export type StkPushRequest = z.output<typeof stkPushRequestSchema>;
