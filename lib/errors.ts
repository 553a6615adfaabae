/**
 * One error type for everything a user or an API caller should be told about. Route handlers map it (and zod
 * errors) to one JSON shape: `{ "error": { "code", "message", "details"? } }`.
 */

export type ErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'unknown_account_reference'
  | 'invalid_request'
  | 'conflict'
  | 'idempotency_key_reused'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'payment_provider_error'
  | 'payment_provider_busy'
  | 'internal'
  // Never sent by the server: the browser's fetcher (lib/client/fetcher.ts) uses it when no answer arrived.
  | 'network_error';

const statusByCode: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  // An STK push without leaseId whose accountReference names no lease the caller may collect for.
  unknown_account_reference: 404,
  invalid_request: 400,
  conflict: 409,
  // The same Idempotency-Key with another request (IETF httpapi idempotency-key draft: 422).
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  payment_provider_error: 502,
  payment_provider_busy: 503,
  internal: 500,
  // No HTTP answer stands behind it; should the server ever pass one on, it is a "try again" 503, never a crash.
  network_error: 503,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(statusByCode, value);
}

/** The code for an HTTP status whose body was not our error shape (a proxy's 502 page, a 404 from the router). */
export function errorCodeForStatus(status: number): ErrorCode {
  const found = (Object.entries(statusByCode) as [ErrorCode, number][]).find(([, s]) => s === status);
  return found ? found[0] : status >= 500 ? 'internal' : 'invalid_request';
}

import { hasErrorBrand, setErrorBrand } from './error-brand';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = statusByCode[code];
    this.details = options.details;
    setErrorBrand(this, 'haven.app-error');
  }
}

export const notFound = (what = 'That page') => new AppError('not_found', `${what} was not found`);

/** True for an AppError made in any bundle (see lib/error-brand.ts: never use `instanceof` for this). */
export function isAppError(error: unknown): error is AppError {
  return hasErrorBrand(error, 'haven.app-error');
}
