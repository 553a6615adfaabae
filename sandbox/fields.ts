import { z } from 'zod';
import { invalidField } from './http';

/** Reads one request field; any failure is Daraja's `400.002.02 Bad Request - Invalid <Field>`. */
export function field<T>(body: Record<string, unknown>, name: string, schema: z.ZodType<T>, reportedName: string = name): T {
  const parsed = schema.safeParse(body[name]);
  if (!parsed.success) throw invalidField(reportedName);
  return parsed.data;
}

/** Daraja accepts a number or a string for most numeric-looking fields (SPEC §3.1). */
const numberish = z.union([z.string(), z.number()]).transform(String);

export const shortcodeSchema = numberish.pipe(z.string().regex(/^\d{5,7}$/));
/** `254` + 9 digits, first digit 7 or 1, no `+` (SPEC §12). */
export const msisdnSchema = numberish.pipe(z.string().regex(/^254[17]\d{8}$/));
/** Whole shillings only; decimals and non-positive amounts are `Invalid Amount`. */
export const wholeAmountSchema = numberish
  .pipe(z.string().regex(/^\d+(\.0+)?$/))
  .transform(Number)
  .pipe(z.number().int().positive().max(100_000_000));
export const urlSchema = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  });
export const textSchema = z.string().trim().min(1);
export const remarksSchema = z.string().min(2).max(100);
export const optionalText = z.union([z.string(), z.number(), z.null()]).optional();
export const receiptSchema = z.string().regex(/^[A-Z0-9]{10}$/);
export const requestBodySchema = z.record(z.string(), z.unknown());
