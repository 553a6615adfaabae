/**
 * What an M-Pesa transaction code looks like, without zod: the "find my payment" form checks it in the browser with
 * these, and the route's schema (payment-lookup-input.ts) builds on the same ones, so both say the same thing while
 * the pay page does not ship zod to a cheap phone.
 */

export const MPESA_CODE_HINT = 'The 10 letters and digits at the start of your M-Pesa SMS, like TAH5J2K991';

/** `tah5 j2k 991` → `TAH5J2K991`: people copy codes with spaces or in lower case. */
export const normalizeMpesaCode = (typed: string) => typed.replace(/[\s-]+/g, '').toUpperCase();

export function mpesaCodeProblem(typed: string): string | null {
  const code = normalizeMpesaCode(typed);
  if (!code) return 'Enter the M-Pesa code from your SMS';
  if (!/^[A-Z0-9]{10}$/.test(code)) return `That is not an M-Pesa code. ${MPESA_CODE_HINT}.`;
  return null;
}
