/**
 * Errors raised by the Daraja client. Client-safe (no server-only import) so the UI can narrow on them.
 *
 * `kind` tells a caller what it may do next:
 * - `rejected`: Daraja (or the gateway) answered and refused the request; nothing happened on M-Pesa.
 * - `unknown-outcome`: a non-idempotent request (STK push, B2C, reversal, C2B simulate) may have reached
 *   M-Pesa (timeout, connection reset after sending, 5xx without a Daraja envelope). Never resend it blindly:
 *   reconcile with STK query / Transaction Status.
 * - `auth`: the OAuth credentials were refused.
 * - `validation`: our own input checks failed before any request was made; `message` is safe to show.
 */

import { hasErrorBrand, setErrorBrand } from '../error-brand';

export type DarajaErrorKind = 'rejected' | 'unknown-outcome' | 'auth' | 'validation';

export type DarajaApi =
  | 'oauth'
  | 'stk-push'
  | 'stk-query'
  | 'b2c'
  | 'reversal'
  | 'account-balance'
  | 'transaction-status'
  | 'c2b-register'
  | 'c2b-simulate'
  | 'pull-register'
  | 'pull-query';

export interface DarajaErrorOptions {
  kind: DarajaErrorKind;
  api?: DarajaApi;
  httpStatus?: number | null;
  errorCode?: string | null;
  requestId?: string | null;
  retrySafe: boolean;
  /** Raw response text, when there was one (for the event log; may be empty). */
  responseBody?: string | null;
  cause?: unknown;
}

export class DarajaError extends Error {
  readonly kind: DarajaErrorKind;
  readonly api: DarajaApi | null;
  readonly httpStatus: number | null;
  readonly errorCode: string | null;
  readonly requestId: string | null;
  readonly retrySafe: boolean;
  readonly responseBody: string | null;

  constructor(message: string, options: DarajaErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DarajaError';
    this.kind = options.kind;
    this.api = options.api ?? null;
    this.httpStatus = options.httpStatus ?? null;
    this.errorCode = options.errorCode ?? null;
    this.requestId = options.requestId ?? null;
    this.retrySafe = options.retrySafe;
    this.responseBody = options.responseBody ?? null;
    setErrorBrand(this, 'haven.daraja-error');
  }
}

/** Raised when a callback body is not the Daraja shape we expect. The message names the offending fields. */
export class DarajaCallbackError extends Error {
  readonly callbackKind: string;
  readonly issues: string[];

  constructor(callbackKind: string, issues: string[]) {
    super(`Not a valid Daraja ${callbackKind}: ${issues.join('; ')}`);
    this.name = 'DarajaCallbackError';
    this.callbackKind = callbackKind;
    this.issues = issues;
    setErrorBrand(this, 'haven.daraja-callback-error');
  }
}

/** True for a DarajaError made in any bundle: the client lives in the instrumentation bundle (lib/error-brand.ts). */
export function isDarajaError(e: unknown): e is DarajaError {
  return hasErrorBrand(e, 'haven.daraja-error');
}

export function isDarajaCallbackError(e: unknown): e is DarajaCallbackError {
  return hasErrorBrand(e, 'haven.daraja-callback-error');
}

/** True when a request may or may not have reached M-Pesa: reconcile, never resend. */
// The predicate names the narrower type so that `!isUnknownOutcome(e)` keeps `e` a DarajaError for other kinds.
export function isUnknownOutcome(e: unknown): e is DarajaError & { kind: 'unknown-outcome' } {
  return isDarajaError(e) && e.kind === 'unknown-outcome';
}

export function validationError(message: string, api?: DarajaApi): DarajaError {
  return new DarajaError(message, { kind: 'validation', api, retrySafe: false });
}
