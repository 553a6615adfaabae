import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '@/db/client';
import { claimIdempotencyKey, completeIdempotencyKey, getIdempotencyKey, pruneIdempotencyKeys, releaseIdempotencyKey } from '@/db/queries/idempotency-keys';
import { AppError, isAppError } from '@/lib/errors';

/**
 * `Idempotency-Key` on money-moving POSTs: the same key from the same person within 24 hours returns the first
 * result (status and body) and moves money once; the same key with another request is refused (422).
 *
 * The key is claimed by inserting its row (primary key: person + key) before anything runs, so of two concurrent
 * requests only one runs; the other waits a little for the first to finish and replays it, or gets 409.
 * Refusals (an AppError, a response of 400 and above) give the key back: they moved nothing, so a retry with the
 * same key may run again once the caller fixed what was wrong (or M-Pesa is no longer busy). Successes are kept,
 * and so is an unexpected failure (kept as a 500): whether money moved is then unknown, and a payout must not be
 * sent twice on a guess; the caller checks the status and retries with a new key.
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The request's identity for the key: method, path and body (JSON compared by value, not by its spacing). */
export function hashIdempotentRequest({ method, pathname, body }: { method: string; pathname: string; body: string }): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${pathname}\n${canonicalBody(body)}`).digest('hex');
}

function canonicalBody(body: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(body)));
  } catch {
    return body;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export function parseIdempotencyKey(value: string | null): string | null {
  if (value === null) return null;
  if (!KEY_PATTERN.test(value)) {
    throw new AppError('invalid_request', 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)');
  }
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function replay(row: { statusCode: number | null; responseBody: string | null }): Response {
  return new Response(row.responseBody ?? '', {
    status: row.statusCode ?? 200,
    headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
  });
}

/** Runs `run` once per (userId, key) and returns its response, or the first request's response again. */
export async function runIdempotently(
  db: Db,
  { userId, key, requestHash, waitMs = 10_000 }: { userId: string; key: string; requestHash: string; waitMs?: number },
  run: () => Promise<Response>,
): Promise<Response> {
  await pruneIdempotencyKeys(db, { olderThanSeconds: IDEMPOTENCY_WINDOW_SECONDS, userId, key });
  if (await claimIdempotencyKey(db, { userId, key, requestHash })) return runClaimed(db, { userId, key }, run);

  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await getIdempotencyKey(db, { userId, key });
    // Given back while we looked (the first request failed): this one may run instead.
    if (!row) {
      if (await claimIdempotencyKey(db, { userId, key, requestHash })) return runClaimed(db, { userId, key }, run);
      continue;
    }
    if (row.requestHash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used with a different request. Use a new key for a new request.');
    }
    if (row.statusCode !== null) return replay(row);
    if (Date.now() >= deadline) {
      throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed. Check its status before trying again.', {
        details: { idempotencyKey: key },
      });
    }
    await sleep(200);
  }
}

async function runClaimed(db: Db, ref: { userId: string; key: string }, run: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    if (isAppError(error)) await releaseIdempotencyKey(db, ref);
    else {
      const responseBody = JSON.stringify({ error: { code: 'internal', message: 'The first request with this Idempotency-Key failed unexpectedly. Check its status before retrying with a new key.' } });
      await completeIdempotencyKey(db, { ...ref, statusCode: 500, responseBody });
    }
    throw error;
  }
  if (response.status >= 400) {
    await releaseIdempotencyKey(db, ref);
    return response;
  }
  const responseBody = await response.clone().text();
  await completeIdempotencyKey(db, { ...ref, statusCode: response.status, responseBody });
  return response;
}

const PRUNE_EVERY_MS = 10 * 60 * 1000;
let lastPrune = 0;

/** For the sweep: forgets keys past their 24 hours, every ten minutes at most (a stale key is also pruned on use). */
export async function pruneIdempotencyKeysOccasionally(db: Db): Promise<void> {
  if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = Date.now();
  await pruneIdempotencyKeys(db, { olderThanSeconds: IDEMPOTENCY_WINDOW_SECONDS });
}
