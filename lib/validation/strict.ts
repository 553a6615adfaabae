import { z } from 'zod';

// Zod compiles object schemas with `new Function` unless told not to, and probes for it even when it may not: in
// the browser, under Haven's CSP (no 'unsafe-eval'), that probe is reported as a violation. Every schema module
// the client loads imports this one first, so the setting is in place before any schema is built. The server
// keeps the faster compiled schemas.
if (typeof window !== 'undefined') z.config({ jitless: true });

/**
 * Strict building blocks for request schemas, so that bad input is a 400 with a message and never reaches the
 * database as something it cannot store (a NUL byte) or parse (an id made of dashes).
 *
 * - Amounts are a JSON number with an integral value, nothing else: `"16"`, `"0x10"`, `"1e1"`, `true`, `[16]`
 *   and `null` are refused. `16.0` and `1e1` written as JSON numbers *are* 16 and 10 once parsed (JSON does not
 *   tell them apart from `16` and `10`), so they are accepted; `16.5` is not.
 * - Text refuses control characters (C0, DEL, C1) and the bidirectional overrides that can make a remark read
 *   differently on screen than it is stored; multi-line text allows line breaks and tabs.
 * - Ids are 8-4-4-4-12 hex: every value that passes is one PostgreSQL's uuid type accepts.
 */

// Character classes built from code points, so that this file itself holds no invisible characters.
const range = (from: number, to: number) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`;
const SINGLE_LINE_FORBIDDEN = new RegExp(`[${range(0x00, 0x1f)}${range(0x7f, 0x9f)}${range(0x202a, 0x202e)}${range(0x2066, 0x2069)}]`, 'u');
const MULTI_LINE_FORBIDDEN = new RegExp(
  `[${range(0x00, 0x08)}${range(0x0b, 0x0c)}${range(0x0e, 0x1f)}${range(0x7f, 0x9f)}${range(0x202a, 0x202e)}${range(0x2066, 0x2069)}]`,
  'u',
);
// A lone surrogate cannot be encoded as UTF-8 (JSON allows "\ud800"; the database would get a replacement char).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text holds nothing a single-line field may not (see the module comment). */
export function isSafeSingleLine(value: string): boolean {
  return !SINGLE_LINE_FORBIDDEN.test(value) && !LONE_SURROGATE.test(value);
}

export function isSafeMultiLine(value: string): boolean {
  return !MULTI_LINE_FORBIDDEN.test(value) && !LONE_SURROGATE.test(value);
}

interface TextOptions {
  min?: number;
  max: number;
  /** Message for a missing or too-short value. */
  required?: string;
  tooLong?: string;
}

const unsafeMessage = 'Remove control characters (like a NUL byte or a hidden direction mark) from this field';

function text(isSafe: (value: string) => boolean, { min = 0, max, required, tooLong }: TextOptions) {
  return z
    .string({ error: required ?? 'Enter some text' })
    .trim()
    .min(min, required ?? `Enter at least ${min} characters`)
    .max(max, tooLong ?? `Keep this to ${max} characters`)
    .refine(isSafe, unsafeMessage);
}

/** A trimmed single-line string without control characters. */
export const safeText = (options: TextOptions) => text(isSafeSingleLine, options);

/** Like `safeText`, but line breaks and tabs are allowed (notes, descriptions). */
export const safeMultilineText = (options: TextOptions) => text(isSafeMultiLine, options);

interface IntegerOptions {
  min: number;
  max: number;
  /** Message when the value is missing or not a number at all. */
  required: string;
  notWhole?: string;
  tooSmall?: string;
  tooLarge?: string;
}

/** A JSON number with an integral value in [min, max]; strings, booleans, arrays and null are refused. */
export function strictInteger({ min, max, required, notWhole, tooSmall, tooLarge }: IntegerOptions) {
  return z
    .number({ error: (issue) => (issue.input === undefined ? required : 'Send a number without quotes, like 1500') })
    .int(notWhole ?? 'Enter a whole number')
    .min(min, tooSmall ?? `Enter at least ${min}`)
    .max(max, tooLarge ?? `Enter at most ${max}`);
}

/** Whole Kenyan shillings (M-Pesa moves no cents), as a strict JSON integer. */
export function strictKes({ min, max, required = 'Enter the amount in KES', ...messages }: Omit<IntegerOptions, 'required'> & { required?: string }) {
  return strictInteger({
    min,
    max,
    required,
    notWhole: messages.notWhole ?? 'Enter a whole number of shillings: M-Pesa does not move cents',
    tooSmall: messages.tooSmall ?? `The minimum is KES ${min.toLocaleString('en-KE')}`,
    tooLarge: messages.tooLarge ?? `The maximum is KES ${max.toLocaleString('en-KE')}`,
  });
}

/** Integer cents (ledger amounts), as a strict JSON integer. */
export function strictCents({ min, max, required = 'Enter an amount' }: { min: number; max: number; required?: string }) {
  return strictInteger({ min, max, required, notWhole: 'Amounts are whole cents' });
}

// Without the i flag (same meaning): the OpenAPI document carries the pattern, and JSON Schema has no flags.
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A database id in a request body. */
export function idSchema(message = 'That id is not valid') {
  return z.string({ error: message }).regex(GUID, message);
}

/** A route's `[id]` segment: the id, or null when it cannot be one (the route then answers 404). */
export function parseIdParam(value: string | undefined | null): string | null {
  return typeof value === 'string' && GUID.test(value) ? value.toLowerCase() : null;
}

/**
 * A route's free-text segment (a CheckoutRequestID, say), as Next.js hands it over: already percent-decoded, so it
 * must not be decoded again (`%25E0` would become a malformed `%E0` and throw). Null when it cannot be valid.
 */
export function parseTextParam(value: string | undefined | null, { max = 100 }: { max?: number } = {}): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= max && isSafeSingleLine(value) ? value : null;
}
