import 'server-only';
import { NextResponse } from 'next/server';
import type { ZodError, z } from 'zod';
import { AppError, isAppError } from '@/lib/errors';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

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
  console.error('Unhandled error in route handler', error);
  return NextResponse.json(
    { error: { code: 'internal', message: 'Something went wrong on our side. Nothing was charged; please try again.' } },
    { status: 500 },
  );
}

/** Reads and zod-parses a JSON body; a body that is not JSON is a 400, not a crash. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new AppError('invalid_request', 'The request body must be JSON');
  }
  return schema.parse(raw);
}

/** Wraps a handler so every thrown error becomes the one JSON error shape. */
export function handleApi<Args extends unknown[]>(fn: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (error) {
      return jsonError(error);
    }
  };
}
