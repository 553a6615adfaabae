import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse } from 'next/server';
import { getIntakeDb } from '@/db/client';
import type { InboxKind } from '@/db/queries/callback-inbox';
import { CALLBACK_BODY_LIMIT_BYTES, readBodyText } from '@/lib/api/read-body';
import { getSourceAddress } from '@/lib/api/source-address';
import { withApiSecurityHeaders } from '@/lib/api/security-headers';
import { isAppError } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { isCallbackSecretValid, isCallbackSourceAllowed } from './callback-guard';
import { createInboxBatchWriter, type InboxBatchWriter } from './inbox-batch-writer';
import { wakeInboxWorkers } from './inbox-wake';

export type CallbackIntake =
  | { ok: true; rowId: string; body: string; claimToken: string | null }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'too_large' | 'store_failed'; response: Response };

// PostgreSQL text cannot hold NUL, raw or as a JSON escape; Daraja never sends one. Such a body is stored with
// U+FFFD in its place (and a note in the headers), so that it is kept and answered instead of failing forever.
const NUL_PATTERN = new RegExp(`${String.fromCodePoint(0)}|\\\\u0000`, 'gi');

function storableBody(body: string): { body: string; sanitized: boolean } {
  const cleaned = body.replace(NUL_PATTERN, (match) => (match.length === 1 ? '\ufffd' : '\\ufffd'));
  return { body: cleaned, sanitized: cleaned !== body };
}

// Daraja waits about 8 s for a validation answer; past this the request that stored the row is surely gone.
const ANSWERED_HERE_GRACE_MS = 30_000;

/**
 * Every answer on a callback path. proxy.ts does not run for these paths (its matcher: half of each callback's cost
 * went to running it), so the API's security headers are set here.
 */
export function callbackJson(body: unknown, init?: ResponseInit): NextResponse {
  return withApiSecurityHeaders(NextResponse.json(body, init), { https: getEnv().appUrl.startsWith('https://') });
}

// One writer per process (on globalThis: every route bundle shares intake's pool and its batches).
const globalForIntake = globalThis as unknown as { havenInboxWriter?: InboxBatchWriter };

function inboxWriter(): InboxBatchWriter {
  globalForIntake.havenInboxWriter ??= createInboxBatchWriter({ db: getIntakeDb, maxInFlight: getEnv().intakePoolMax });
  return globalForIntake.havenInboxWriter;
}

/**
 * The first half of every Daraja callback endpoint: secret check (404 when wrong: the URL does not exist for a
 * guesser), source allow-list, then the raw body stored in the inbox before anything is parsed (invariant 2).
 * Callers decide what to answer; only a failure to store suggests 5xx, so that the body can be delivered again.
 * The store goes through intake's own small pool, batched with the callbacks arriving at the same moment.
 */
export async function receiveCallback(
  request: Request,
  { kind, secret, answeredHere = false }: { kind: InboxKind; secret: string; answeredHere?: boolean },
): Promise<CallbackIntake> {
  const sourceAddress = getSourceAddress(request);
  const path = new URL(request.url).pathname;
  if (!isCallbackSecretValid(secret)) {
    console.warn(`Rejected ${kind} callback with a wrong secret from ${sourceAddress ?? 'unknown address'}`);
    return { ok: false, reason: 'not_found', response: callbackJson({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 }) };
  }
  if (!isCallbackSourceAllowed(sourceAddress)) {
    console.warn(`Rejected ${kind} callback from ${sourceAddress ?? 'unknown address'}: not in MPESA_CALLBACK_ALLOWED_IPS`);
    return { ok: false, reason: 'forbidden', response: callbackJson({ error: { code: 'forbidden', message: 'Forbidden' } }, { status: 403 }) };
  }
  let raw: string;
  try {
    raw = await readBodyText(request, { limitBytes: CALLBACK_BODY_LIMIT_BYTES });
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.warn(`Rejected ${kind} callback from ${sourceAddress ?? 'unknown address'}: ${error.message}`);
    return { ok: false, reason: 'too_large', response: callbackJson({ error: { code: error.code, message: error.message } }, { status: error.status }) };
  }
  try {
    const { body, sanitized } = storableBody(raw);
    const headers = Object.fromEntries(request.headers.entries());
    if (sanitized) headers['x-haven-sanitized'] = 'NUL characters replaced with U+FFFD before storing';
    // A row the request answers itself is left to it for a while; the workers take it only if that request died.
    // It is stored claimed by this request, too: one statement, where a separate claim cost a round trip per payment.
    const nextAttemptAt = answeredHere ? new Date(Date.now() + ANSWERED_HERE_GRACE_MS) : undefined;
    const claimToken = answeredHere ? randomUUID() : undefined;
    const rowId = await inboxWriter().store({ kind, path: path.replace(secret, ':secret'), headers, sourceAddress, body, nextAttemptAt, claimToken });
    if (!answeredHere) wakeInboxWorkers();
    return { ok: true, rowId, body, claimToken: claimToken ?? null };
  } catch (error) {
    console.error(`Could not store ${kind} callback`, error);
    return {
      ok: false,
      reason: 'store_failed',
      response: callbackJson({ ResultCode: 1, ResultDesc: 'Temporarily unable to accept; please retry' }, { status: 503 }),
    };
  }
}
