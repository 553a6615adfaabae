import { normalizeKenyanPhone } from '@/lib/phone';

/**
 * What one search box's text could mean: an M-Pesa receipt, a phone (in any format people type it), an amount in
 * shillings, or a name / account reference. Each reading that fits becomes one indexed condition; the search
 * returns payments matching any of them.
 */
export interface SearchTerm {
  receipt: string | null;
  phone: string | null;
  amountCents: number | null;
  /** The text as typed, for names, account references, units and properties. */
  text: string | null;
}

const RECEIPT = /^[A-Z0-9]{10}$/;

export function interpretSearchTerm(q: string | undefined | null): SearchTerm {
  const text = q?.trim() ?? '';
  if (!text) return { receipt: null, phone: null, amountCents: null, text: null };
  const compact = text.replace(/[\s-]+/g, '').toUpperCase();
  // A receipt has letters and digits; ten digits alone are a phone (0712345678), not a receipt.
  const receipt = RECEIPT.test(compact) && /[A-Z]/.test(compact) ? compact : null;
  const phone = /^\+?[\d\s\-().]{9,16}$/.test(text) ? normalizeKenyanPhone(text) : null;
  // "12,000", "KES 12000", "12000.50": shillings with optional cents.
  const amount = text.replace(/^(kes|ksh)\s*/i, '').replace(/,/g, '');
  const amountCents = /^\d{1,9}(\.\d{1,2})?$/.test(amount) ? Math.round(Number(amount) * 100) : null;
  return { receipt, phone: phone?.ok ? phone.msisdn : null, amountCents: amountCents && amountCents > 0 ? amountCents : null, text: text.length >= 2 ? text : null };
}
