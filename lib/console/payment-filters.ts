import { z } from 'zod';
import { isNairobiDay } from '@/lib/nairobi-day';
import { isSafeSingleLine } from '@/lib/validation/strict';

/**
 * The payment search's query string, shared by the search page and the CSV export so both mean the same rows:
 * a free-text term, a Nairobi date range, method, status and property. Empty fields mean "any".
 */

export const PAYMENT_METHODS = ['mpesa_stk', 'mpesa_paybill', 'cash', 'bank', 'cheque', 'deposit'] as const;
export const PAYMENT_STATUSES = ['completed', 'reversed'] as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const day = z.string().refine(isNairobiDay, 'Choose a date (YYYY-MM-DD)');

export const paymentFiltersSchema = z
  .object({
    q: optional(z.string().trim().max(100, 'Keep the search under 100 characters').refine(isSafeSingleLine, 'Use letters, digits and punctuation only')),
    from: optional(day),
    to: optional(day),
    method: optional(z.enum(PAYMENT_METHODS, { error: 'Choose a payment method' })),
    status: optional(z.enum(PAYMENT_STATUSES, { error: 'Choose a status' })),
    propertyId: optional(z.uuid('Choose a property')),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The range ends before it starts', path: ['to'] });

export type PaymentFilters = z.output<typeof paymentFiltersSchema>;

/** Search params as Next.js hands them over (a repeated key is an array): the first value of each filter. */
export function paymentFiltersFrom(params: Record<string, string | string[] | undefined> | URLSearchParams) {
  const get = (k: string) => (params instanceof URLSearchParams ? (params.get(k) ?? undefined) : [params[k]].flat()[0]);
  return paymentFiltersSchema.safeParse({ q: get('q'), from: get('from'), to: get('to'), method: get('method'), status: get('status'), propertyId: get('propertyId') });
}

/** The filters as a query string (for the next page and the CSV link), without empty fields. */
export function paymentFiltersQuery(filters: PaymentFilters, extra: Record<string, string | undefined> = {}): string {
  const entries = Object.entries({ ...filters, ...extra }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  const s = new URLSearchParams(entries).toString();
  return s ? `?${s}` : '';
}
