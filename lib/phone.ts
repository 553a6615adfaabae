import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { mpesaReachProblem } from './mobile-network';

/**
 * Kenyan mobile numbers as M-Pesa wants them: `2547XXXXXXXX` or `2541XXXXXXXX`. People type `0712 345 678`,
 * `+254 712 345 678`, `712345678`…; libphonenumber decides what is a real Kenyan mobile number.
 */

export type PhoneResult = { ok: true; msisdn: string } | { ok: false; message: string };

export const PHONE_HINT = 'Enter a Safaricom number like 0712 345 678';

export function normalizeKenyanPhone(input: string): PhoneResult {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: 'Enter your M-Pesa phone number' };
  const compact = trimmed.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, message: `That is not a phone number. ${PHONE_HINT}` };
  const candidate = /^(7|1)\d{8}$/.test(compact) ? `0${compact}` : compact;
  const parsed = parsePhoneNumberFromString(candidate, 'KE');
  if (!parsed || parsed.country !== 'KE' || !parsed.isValid()) {
    return { ok: false, message: `That is not a valid Kenyan mobile number. ${PHONE_HINT}` };
  }
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
    return { ok: false, message: `M-Pesa needs a mobile number, not a landline. ${PHONE_HINT}` };
  }
  const msisdn = `254${parsed.nationalNumber}`;
  if (!/^254[17]\d{8}$/.test(msisdn)) return { ok: false, message: `That is not a valid Kenyan mobile number. ${PHONE_HINT}` };
  return { ok: true, msisdn };
}

/** `254712345678` → `0712 345 678`, for display. Unknown shapes are returned unchanged. */
export function formatKenyanPhone(msisdn: string): string {
  const m = /^254(\d{3})(\d{3})(\d{3})$/.exec(msisdn);
  return m ? `0${m[1]} ${m[2]} ${m[3]}` : msisdn;
}

/** A Kenyan number M-Pesa can reach, or the message that says why not (before any prompt or payout is sent). */
export function normalizeMpesaPhone(input: string): PhoneResult {
  const phone = normalizeKenyanPhone(input);
  if (!phone.ok) return phone;
  const problem = mpesaReachProblem(phone.msisdn, formatKenyanPhone(phone.msisdn));
  return problem ? { ok: false, message: problem } : phone;
}
