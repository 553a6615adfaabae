import { z } from 'zod';
import { AppError } from '@/lib/errors';

/**
 * zod pieces shared by the agency forms. Forms post their fields as text, so these accept text and produce the
 * typed value (cents, dates); the same schemas parse API calls that send numbers.
 */

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

/** An amount in shillings (`25000`, `25,000`, `25000.50`) → integer cents. */
export const kesAmount = ({ min = 0, label = 'the amount' }: { min?: number; label?: string } = {}) =>
  text.pipe(
    z.string()
      .min(1, `Enter ${label} in shillings`)
      .transform((v) => v.replace(/,/g, ''))
      .refine((v) => /^\d{1,9}(\.\d{1,2})?$/.test(v), `Enter ${label} as shillings, like 25000 or 25000.50`)
      .transform((v) => Math.round(Number(v) * 100))
      .refine((cents) => cents >= min * 100, `${label[0]!.toUpperCase()}${label.slice(1)} must be at least KES ${min.toLocaleString('en-KE')}`),
  );

/** Whole shillings only (what M-Pesa moves) → cents. */
export const wholeKes = ({ min = 1, label = 'the amount' }: { min?: number; label?: string } = {}) =>
  kesAmount({ min, label }).refine((cents) => cents % 100 === 0, 'Use whole shillings');

export const isoDate = (label = 'a date') =>
  text.pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} (YYYY-MM-DD)`).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), `Enter a real ${label}`));

// `.nullish()` outside the union keeps the key optional in an object (a transform inside would make it required).
export const optionalIsoDate = (label = 'a date') =>
  z.union([z.literal(''), isoDate(label)]).nullish().transform((v) => (v ? v : null));

export const dayOfMonth = (label: string) =>
  z.coerce.number({ error: `Choose the ${label}` }).int(`Choose the ${label}`).min(1, `The ${label} is between 1 and 28`).max(28, `The ${label} is between 1 and 28 (every month has it)`);

export const period = (label = 'the month') => text.pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, `Choose ${label} (YYYY-MM)`));

export const requiredText = (label: string, max = 200) => text.pipe(z.string().min(1, `Enter ${label}`).max(max, `Keep ${label} under ${max} characters`));

export const optionalText = (max = 500) => text.pipe(z.string().max(max, `Keep it under ${max} characters`)).nullish().transform((v) => (v ? v : null));

export const uuidField = (what: string) => z.uuid(`Choose ${what}`);

/** A 400 whose message belongs beside one field of the form. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('invalid_request', message, { details: { fields: [{ path, message }] } });
}
