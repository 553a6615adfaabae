import type { ErrorCode } from '@/lib/errors';
import { isBearerRequest } from './bearer';
import { isFormContentType, isJsonContentType, isMultipartContentType } from './content-type';
import { API_BODY_LIMIT_BYTES, CALLBACK_BODY_LIMIT_BYTES, EVIDENCE_UPLOAD_LIMIT_BYTES } from './read-body';

/**
 * What every request must look like before any page or handler runs, decided in one pure function that the proxy
 * applies to every route (so a new route handler is covered without doing anything):
 *
 * - Paths: well-formed percent-encoding and no control characters; no NUL in the query. (400)
 * - CSRF, for state-changing methods (POST, PUT, PATCH, DELETE) under /api:
 *   - the request is same-origin: `Sec-Fetch-Site: same-origin`, or an `Origin` equal to APP_URL's or to the
 *     request's own host (403 otherwise; a request with neither header is refused too);
 *   - the body is `application/json` (415), except Auth.js's own routes, which take forms and check their own
 *     CSRF token, and the upload routes (UPLOAD_PATHS), which take `multipart/form-data` files — still same-origin.
 *   Exempt: Daraja callbacks (their secret path is their credential; Daraja sends no Origin), and requests with
 *   `Authorization: Bearer …`. A bearer request never carries cookie authority: the proxy removes its cookies, so
 *   a browser cannot be tricked into lending its session to one.
 * - Body size by Content-Length: 64 KB for callbacks, an upload route's own limit, 256 KB for the rest (413). Bodies without a length are
 *   limited while they are read (`readBodyText`).
 */

export type PolicyDecision =
  | { action: 'refuse'; status: number; code: ErrorCode; message: string }
  | { action: 'continue'; bearer: boolean };

export interface RequestFacts {
  method: string;
  /** The path as received, still percent-encoded. */
  pathname: string;
  /** The query string as received, with or without the leading `?`. */
  search: string;
  headers: Pick<Headers, 'get'>;
  /** APP_URL's origin, e.g. `https://haven.example`. */
  appOrigin: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Daraja callback routes (`app/api/v1/hooks/**\/[secret]/route.ts`, and the older `app/api/v1/mpesa/…` ones). A new callback route is added here, or Daraja's
 * Origin-less POSTs to it are refused.
 */
const CALLBACK_PATHS: readonly RegExp[] = [
  /^\/api\/v1\/(mpesa|hooks)\/callback\/[^/]+$/,
  /^\/api\/v1\/(mpesa|hooks)\/(b2c|reversal|balance|transaction-status)\/(result|timeout)\/[^/]+$/,
  /^\/api\/v1\/(mpesa|hooks)\/c2b\/(confirmation|validation)\/[^/]+$/,
];

export function isCallbackPath(pathname: string): boolean {
  return CALLBACK_PATHS.some((pattern) => pattern.test(pathname));
}

const isAuthJsPath = (pathname: string) => pathname.startsWith('/api/auth/');

/** Routes that take files (multipart/form-data) and how large their body may be. */
const UPLOAD_PATHS: readonly { pattern: RegExp; limitBytes: number }[] = [
  { pattern: /^\/api\/v1\/leases\/[^/]+\/deposit\/deductions$/, limitBytes: EVIDENCE_UPLOAD_LIMIT_BYTES },
];

export function findUploadPath(pathname: string): { limitBytes: number } | undefined {
  return UPLOAD_PATHS.find(({ pattern }) => pattern.test(pathname));
}


const refuse = (status: number, code: ErrorCode, message: string): PolicyDecision => ({ action: 'refuse', status, code, message });

export function decideRequest(facts: RequestFacts): PolicyDecision {
  const { method, pathname, search, headers } = facts;
  if (!isWellFormedPath(pathname) || /%00/.test(search) || search.includes('\u0000')) {
    return refuse(400, 'invalid_request', 'The address contains characters that are not allowed');
  }
  const bearer = isBearerRequest(headers);
  if (SAFE_METHODS.has(method.toUpperCase()) || !pathname.startsWith('/api/')) return { action: 'continue', bearer };

  const callback = isCallbackPath(pathname);
  const upload = callback ? undefined : findUploadPath(pathname);
  const limit = callback ? CALLBACK_BODY_LIMIT_BYTES : (upload?.limitBytes ?? API_BODY_LIMIT_BYTES);
  const declared = Number(headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    return refuse(413, 'payload_too_large', `The request body must be at most ${limit / 1024} KB`);
  }
  if (callback || bearer) return { action: 'continue', bearer };

  if (!isSameOrigin(headers, facts.appOrigin)) {
    return refuse(403, 'forbidden', 'Cross-origin requests are not accepted. Use the Haven app, or an API token.');
  }
  const contentType = headers.get('content-type');
  const allowed = isJsonContentType(contentType) || (isAuthJsPath(pathname) && isFormContentType(contentType)) || (upload !== undefined && isMultipartContentType(contentType));
  if (!allowed) {
    return refuse(415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json)');
  }
  return { action: 'continue', bearer };
}

/**
 * Browsers send `Sec-Fetch-Site` (which a page cannot forge) and `Origin` on every cross-origin POST. A request
 * on another port of the same host is same-site but not same-origin, and is refused.
 */
export function isSameOrigin(headers: Pick<Headers, 'get'>, appOrigin: string): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = headers.get('origin');
  if (origin === null) return site === 'same-origin';
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null"
  }
  if (parsed.origin === appOrigin) return true;
  const host = headers.get('host');
  return host !== null && parsed.host === host.trim().toLowerCase();
}

// C0 controls and DEL, built from code points so that the pattern holds no control characters itself.
const CONTROL_CHARACTER = new RegExp(`[${String.fromCodePoint(0)}-${String.fromCodePoint(0x1f)}${String.fromCodePoint(0x7f)}]`);

/** Every `%` starts a valid UTF-8 escape, and nothing decodes to a control character (ids never hold one). */
export function isWellFormedPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return !CONTROL_CHARACTER.test(decoded);
}
