import 'server-only';
import ky, { TimeoutError } from 'ky';
import type { z } from 'zod';
import { formatIssues } from './callbacks/parse-helpers';
import { DarajaError, type DarajaApi } from './errors';
import { errorEnvelopeSchema } from './responses';

/**
 * One HTTP exchange with Daraja, with a timeout on every call and retries with backoff only where a retry cannot
 * double a payment: idempotent calls (token, queries) on transient failures, and — for every API — answers that
 * prove the request was not accepted (spike arrest `500.003.02`, HTTP 503, connection refused before sending).
 * A non-idempotent request whose fate is unknown becomes an `unknown-outcome` DarajaError and is never resent.
 */

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export interface DarajaRequest<S extends z.ZodType> {
  api: DarajaApi;
  method: 'GET' | 'POST';
  /** Path and query, appended to the base URL. */
  path: string;
  authorization: string;
  body?: unknown;
  /** True when sending twice cannot move money twice (token, STK query, balance, status, register). */
  idempotent: boolean;
  schema: S;
  /**
   * Non-2xx statuses whose body is an answer to parse with `schema` when it fits (Pull Transactions answers
   * HTTP 500 "Failed to retrieve transactions" with its own envelope, SPEC §9.5). Anything else is an error as usual.
   */
  answerStatuses?: readonly number[];
}

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

type Attempt<T> = { ok: true; data: T } | { ok: false; error: DarajaError; transient: boolean; retryAfterMs?: number };

// Errors raised before any byte of the request left this machine: safe to resend for every API.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const SPIKE_ARREST = '500.003.02';
// Business answers: repeating the request gives the same answer (or is pointless), so never auto-retry them.
const NO_AUTO_RETRY_CODES = new Set(['500.001.1001', '500.002.1001', '500.003.03']);

/** No whole answer (headers and body) within the timeout. */
class AnswerTimeoutError extends Error {
  constructor(ms: number) {
    super(`no complete answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfterMs(res: Response): number | undefined {
  const v = res.headers.get('retry-after');
  const seconds = v ? Number(v) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function createTransport(options: TransportOptions) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const client = ky.create({
    prefixUrl: options.baseUrl,
    timeout: options.timeoutMs,
    retry: 0,
    throwHttpErrors: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  async function attempt<S extends z.ZodType>(req: DarajaRequest<S>): Promise<Attempt<z.output<S>>> {
    const base = { api: req.api };
    let res: Response;
    let text: string;
    // ky's timeout stops at the headers; this one covers the body too. Raced rather than only signalled: a caller
    // left waiting on a body (a sweep's Pull or Transaction Status query) would hold every later sweep with it.
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new AnswerTimeoutError(options.timeoutMs);
        controller.abort(error);
        reject(error);
      }, options.timeoutMs);
    });
    expired.catch(() => undefined);
    try {
      res = await Promise.race([
        client(req.path.replace(/^\//, ''), {
          method: req.method,
          headers: { authorization: req.authorization, accept: 'application/json' },
          signal: controller.signal,
          ...(req.body === undefined ? {} : { json: req.body }),
        }),
        expired,
      ]);
      text = await Promise.race([res.text(), expired]);
    } catch (cause) {
      const code = networkCode(cause);
      if (code && NOT_SENT_CODES.has(code)) {
        const error = new DarajaError(`Could not connect to Daraja (${code})`, { ...base, kind: 'rejected', retrySafe: true, cause });
        return { ok: false, error, transient: true };
      }
      const what = cause instanceof TimeoutError || cause instanceof AnswerTimeoutError ? `no answer within ${options.timeoutMs} ms` : `connection failed (${code ?? String(cause)})`;
      if (!req.idempotent) {
        const error = new DarajaError(`Daraja ${req.api}: ${what} after the request was sent; the outcome is unknown`, {
          ...base,
          kind: 'unknown-outcome',
          retrySafe: false,
          cause,
        });
        return { ok: false, error, transient: false };
      }
      return { ok: false, error: new DarajaError(`Daraja ${req.api}: ${what}`, { ...base, kind: 'rejected', retrySafe: true, cause }), transient: true };
    } finally {
      clearTimeout(timer);
    }

    const json = parseJson(text);
    if (!res.ok && req.answerStatuses?.includes(res.status)) {
      const parsed = req.schema.safeParse(json);
      if (parsed.success) return { ok: true, data: parsed.data };
    }
    if (res.ok) {
      const parsed = req.schema.safeParse(json);
      if (parsed.success) return { ok: true, data: parsed.data };
      const detail = json === undefined ? 'not JSON' : formatIssues(parsed.error).join('; ');
      const error = new DarajaError(`Daraja ${req.api} answered HTTP ${res.status} with an unexpected body (${detail})`, {
        ...base,
        kind: req.idempotent ? 'rejected' : 'unknown-outcome',
        httpStatus: res.status,
        retrySafe: req.idempotent,
        responseBody: text,
      });
      return { ok: false, error, transient: req.idempotent };
    }

    const envelope = errorEnvelopeSchema.safeParse(json);
    if (envelope.success) {
      const { errorCode, errorMessage, requestId } = envelope.data;
      // 500.003.1001 "Internal Server Error" may come after M-Pesa took the request: unknown for payments.
      const maybeAccepted = !req.idempotent && errorCode === '500.003.1001';
      const error = new DarajaError(`Daraja ${req.api} ${errorCode}: ${errorMessage || 'no message'}`, {
        ...base,
        kind: maybeAccepted ? 'unknown-outcome' : 'rejected',
        httpStatus: res.status,
        errorCode,
        requestId: requestId ?? null,
        retrySafe: !maybeAccepted,
        responseBody: text,
      });
      const transient =
        errorCode === SPIKE_ARREST || res.status === 503 || (req.idempotent && res.status >= 500 && !NO_AUTO_RETRY_CODES.has(errorCode));
      return { ok: false, error, transient, retryAfterMs: retryAfterMs(res) };
    }

    // No Daraja envelope. 503 means "not accepted"; any other 5xx on a payment may have been processed.
    const unknown = !req.idempotent && res.status >= 500 && res.status !== 503;
    const error = new DarajaError(
      unknown
        ? `Daraja ${req.api} answered HTTP ${res.status} without an error body; the outcome is unknown`
        : `Daraja ${req.api} answered HTTP ${res.status}${text.trim() ? '' : ' with an empty body'}`,
      { ...base, kind: unknown ? 'unknown-outcome' : 'rejected', httpStatus: res.status, retrySafe: !unknown, responseBody: text },
    );
    const transient = res.status === 503 || (req.idempotent && res.status >= 500);
    return { ok: false, error, transient, retryAfterMs: retryAfterMs(res) };
  }

  function backoff(attemptNo: number, hintMs?: number): number {
    const { baseDelayMs, maxDelayMs } = options.retry;
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attemptNo - 1));
    const jittered = exp / 2 + Math.random() * (exp / 2);
    return Math.min(maxDelayMs, Math.max(jittered, hintMs ?? 0));
  }

  return {
    async send<S extends z.ZodType>(req: DarajaRequest<S>): Promise<z.output<S>> {
      for (let n = 1; ; n++) {
        const result = await attempt(req);
        if (result.ok) return result.data;
        if (!result.transient || n >= options.retry.maxAttempts) throw result.error;
        await sleep(backoff(n, result.retryAfterMs));
      }
    },
  };
}

export type Transport = ReturnType<typeof createTransport>;
