import { z } from 'zod';
import { DarajaCallbackError } from '../errors';

/** zod building blocks for Daraja's loose JSON (SPEC §1.4). */

/** ResultCode / ResultType: a number in callbacks, a string in queries, non-numeric for some APIs (`R000002`). */
export const codeSchema = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

export const idSchema = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

export type ParamValue = string | number | null;

/** Item values may be missing entirely (`{"Name":"Balance"}`, `{"Key":"Occasion"}`); nested values are kept as JSON. */
export function toParamValue(value: unknown): ParamValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Lists are arrays with several entries but a single object with one (SPEC §1.4). */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z.union([z.array(item), item]).transform((v): z.output<T>[] => (Array.isArray(v) ? v : [v as z.output<T>]));
}

export const keyItemSchema = z.looseObject({ Key: z.string(), Value: z.unknown().optional() });
export const nameItemSchema = z.looseObject({ Name: z.string(), Value: z.unknown().optional() });

export interface Parameters {
  /** First non-null value for each key, keys exactly as sent (some contain spaces). */
  record: Record<string, ParamValue>;
  /** Every item in order, repeated keys included (`DebitPartyName` can appear twice). */
  list: { key: string; value: ParamValue }[];
}

export function collectParameters(items: { key: string; value: unknown }[]): Parameters {
  const record: Record<string, ParamValue> = {};
  const list = items.map(({ key, value }) => ({ key, value: toParamValue(value) }));
  for (const { key, value } of list) {
    if (!(key in record) || record[key] === null) record[key] = value;
  }
  return { record, list };
}

const normaliseKey = (k: string) => k.replace(/\s+/g, '').toLowerCase();

/** Looks a parameter up by any of its spellings, ignoring spaces and case (`Conversation ID` = `ConversationID`). */
export function findParam(params: Parameters, ...names: string[]): ParamValue | undefined {
  const wanted = new Set(names.map(normaliseKey));
  const hit = params.list.find((p) => wanted.has(normaliseKey(p.key)) && p.value !== null);
  if (hit) return hit.value;
  return params.list.some((p) => wanted.has(normaliseKey(p.key))) ? null : undefined;
}

export function paramString(params: Parameters, ...names: string[]): string | undefined {
  const v = findParam(params, ...names);
  return v === null || v === undefined ? undefined : String(v).trim();
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`);
}

/** Parses a callback body (object or raw JSON text) with a schema, or throws a DarajaCallbackError naming the fields. */
export function parseCallbackBody<S extends z.ZodType>(schema: S, body: unknown, kind: string): z.output<S> {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      throw new DarajaCallbackError(kind, ['body is not JSON']);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DarajaCallbackError(kind, ['body is not a JSON object']);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DarajaCallbackError(kind, formatIssues(parsed.error));
  return parsed.data;
}
