import { z } from 'zod';
import { errorBodySchema, fieldIssuesSchema, type FieldIssue } from '@/lib/api/error-body';
import { AppError, errorCodeForStatus, isAppError, isErrorCode } from '@/lib/errors';

/**
 * The browser's one way to call Haven's API. Every answer is parsed: a success with the zod schema the route
 * answers with, a failure into the same AppError the server threw (recognised by its brand, never by class: see
 * lib/error-brand.ts). Components show `errorMessage(error)` and never read response bodies themselves.
 * No server-only imports: client components import it.
 */

const DEFAULT_TIMEOUT_MS = 30_000;
const UNREACHABLE = 'We could not reach Haven. Check your connection and try again.';
const TIMED_OUT = 'The network is slow and the request timed out. Check your connection and try again.';

export interface FetchOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON (every client POST does: the request policy refuses other bodies with 415). */
  json?: unknown;
  /** Multipart instead of JSON, for the one upload route (deposit deductions). */
  form?: FormData;
  schema: S;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Turns a failed response into the AppError it stands for, whatever its body (ours, a proxy's HTML, nothing). */
export async function errorFromResponse(response: Response): Promise<AppError> {
  const text = await response.text().catch(() => '');
  let raw: unknown = null;
  try {
    raw = JSON.parse(text);
  } catch {
    // Not our JSON shape: the status alone says what kind of failure it was.
  }
  const parsed = errorBodySchema.safeParse(raw);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new AppError(isErrorCode(code) ? code : errorCodeForStatus(response.status), message, { details });
  }
  const code = errorCodeForStatus(response.status);
  return new AppError(code, code === 'not_found' ? 'That was not found. It may have been removed.' : 'Something went wrong on our side. Please try again.');
}

function networkError(cause: unknown): AppError {
  const timedOut = typeof cause === 'object' && cause !== null && (cause as { name?: unknown }).name === 'TimeoutError';
  return new AppError('network_error', timedOut ? TIMED_OUT : UNREACHABLE, { cause });
}

/**
 * A signal that aborts after `ms` or when `signal` does. Built by hand: AbortSignal.any and .timeout are missing
 * from the older Android WebViews many tenants' phones still run.
 */
function abortAfter(ms: number, signal?: AbortSignal): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The request timed out', 'TimeoutError')), ms);
  const follow = () => controller.abort(signal?.reason);
  if (signal?.aborted) follow();
  else signal?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', follow);
    },
  };
}

export async function fetchJson<S extends z.ZodType>(url: string, options: FetchOptions<S>): Promise<z.infer<S>> {
  const { method = options.json === undefined && !options.form ? 'GET' : 'POST', json, form, schema, timeoutMs = DEFAULT_TIMEOUT_MS, signal } = options;
  const abort = abortAfter(timeoutMs, signal);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { accept: 'application/json', ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: form ?? (json !== undefined ? JSON.stringify(json) : undefined),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: abort.signal,
      });
    } catch (error) {
      throw networkError(error);
    }
    if (!response.ok) throw await errorFromResponse(response);
    // An empty success (204, or a 200 with no body) is an empty object; anything else must be JSON.
    const text = await response.text().catch(() => '');
    let raw: unknown = {};
    try {
      if (text.trim() !== '') raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError('internal', 'Haven answered in a way this page does not understand. Reload the page and try again.', { details: parsed.error.issues });
    }
    return parsed.data;
  } finally {
    abort.done();
  }
}

/** An SWR fetcher for one resource: `useSWR(url, getWith(schema))`. */
export const getWith =
  <S extends z.ZodType>(schema: S) =>
  (url: string): Promise<z.infer<S>> =>
    fetchJson(url, { schema });

/** For calls whose answer the page does not read (it refreshes instead): any JSON is fine. */
export const ignoredAnswer = z.unknown();

/** A form route's answer: any JSON object (a `redirect`, the created record…), read by the form's own callback. */
export const formAnswerSchema = z.record(z.string(), z.unknown());

/** True when no answer arrived (offline, timed out): the request may or may not have reached Haven. */
export function isNetworkError(error: unknown): boolean {
  return isAppError(error) && error.code === 'network_error';
}

/** What to tell the person: the server's own message, or a plain-language one for anything else. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (isAppError(error)) return error.message;
  return fallback;
}

/** The per-field messages of an invalid_request, for placing beside the fields they belong to. */
export function fieldErrors(error: unknown): FieldIssue[] {
  if (!isAppError(error) || error.code !== 'invalid_request') return [];
  const parsed = fieldIssuesSchema.safeParse(error.details);
  return parsed.success ? parsed.data.fields : [];
}
