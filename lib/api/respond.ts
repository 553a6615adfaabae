import 'server-only';
import { NextResponse } from 'next/server';
import type { ZodError, z } from 'zod';
import { getDb } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';
import { AppError, isAppError } from '@/lib/errors';
import { hashIdempotentRequest, IDEMPOTENCY_HEADER, parseIdempotencyKey, runIdempotently } from './idempotency';
import { isBearerRequest } from './bearer';
import { isFormContentType, isJsonContentType } from './content-type';
import { API_BODY_LIMIT_BYTES, readBodyText } from './read-body';

import type { ErrorBody } from './error-body';

export type { ErrorBody };

/** zod may be bundled once per route: recognise its errors by shape, not by class (see lib/error-brand.ts). */
function isZodError(error: unknown): error is ZodError {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues);
}

export function jsonError(error: unknown): NextResponse<ErrorBody> {
  if (isAppError(error)) {
    return NextResponse.json({ error: { code: error.code, message: error.message, details: error.details } }, { status: error.status });
  }
  if (isZodError(error)) {
    const fields = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = fields[0];
    const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'Invalid request';
    return NextResponse.json({ error: { code: 'invalid_request', message, details: { fields } } }, { status: 400 });
  }
  if (isDatabaseDataException(error)) {
    // The last line of defence: input that schemas let through but the database cannot take (a NUL byte, a
    // malformed id) is the caller's mistake, not ours. Logged so that the missing validation gets added.
    console.warn('Route handler passed the database a value it refused', describe(error));
    return NextResponse.json({ error: { code: 'invalid_request', message: 'Some of the values sent are not valid' } }, { status: 400 });
  }
  console.error('Unhandled error in route handler', error);
  return NextResponse.json(
    { error: { code: 'internal', message: 'Something went wrong on our side. Nothing was charged; please try again.' } },
    { status: 500 },
  );
}

/**
 * PostgreSQL's class 22 "data exception" (invalid text representation 22P02, NUL byte 22021, numeric out of range
 * 22003…), found on the error or its causes (Drizzle wraps the driver's error).
 */
function isDatabaseDataException(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Reads and zod-parses a JSON body: `application/json` only (415 otherwise), at most 256 KB (413), valid JSON
 * (400). The proxy already refuses other content types for cookie-authenticated calls; this holds for every caller.
 */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  if (!isJsonContentType(request.headers.get('content-type')) && !isCurlDataFromScript(request)) {
    throw new AppError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json)');
  }
  const text = await readBodyText(request, { limitBytes: API_BODY_LIMIT_BYTES });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('invalid_request', 'The request body must be JSON');
  }
  return schema.parse(raw);
}

/**
 * `curl -d '{…}'` without `-H 'Content-Type: application/json'` (as some of the write-up's examples are written)
 * labels its JSON as a form. Accepted from token callers only: the content-type rule exists against cross-site
 * forms, which can never carry an Authorization header; a browser session still has to send JSON as JSON.
 */
function isCurlDataFromScript(request: Request): boolean {
  return isBearerRequest(request.headers) && isFormContentType(request.headers.get('content-type'));
}

/**
 * Wraps a handler so every thrown error becomes the one JSON error shape, and no response is ever cached: API
 * responses are personal (the proxy sets the same header; this keeps it when a handler is called another way).
 */
export function handleApi<Args extends unknown[]>(fn: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    let response: Response;
    try {
      response = await fn(...args);
    } catch (error) {
      response = jsonError(error);
    }
    if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
    return response;
  };
}

/**
 * A money-moving POST under its `Idempotency-Key` header, if it has one (lib/api/idempotency.ts): `run` is the
 * handler's parse → service → respond; the body is read from a copy, so `run` still reads the request.
 */
export async function respondIdempotently(request: Request, { caller }: { caller: Pick<Caller, 'id'> }, run: () => Promise<Response>): Promise<Response> {
  const key = parseIdempotencyKey(request.headers.get(IDEMPOTENCY_HEADER));
  if (key === null) return run();
  const body = await readBodyText(request.clone(), { limitBytes: API_BODY_LIMIT_BYTES });
  const requestHash = hashIdempotentRequest({ method: request.method, pathname: new URL(request.url).pathname, body });
  return runIdempotently(await getDb(), { userId: caller.id, key, requestHash }, run);
}
