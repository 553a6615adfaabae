import 'server-only';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { insertInboxRow, type InboxKind, type InboxRow } from '@/db/queries/callback-inbox';
import { getSourceAddress } from '@/lib/api/source-address';
import { isCallbackSecretValid, isCallbackSourceAllowed } from './callback-guard';

export type CallbackIntake =
  | { ok: true; row: InboxRow }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'store_failed'; response: Response };

/**
 * The first half of every Daraja callback endpoint: secret check (404 when wrong: the URL does not exist for a
 * guesser), source allow-list, then the raw body stored in the inbox before anything is parsed (invariant 2).
 * Callers decide what to answer; only a failure to store suggests 5xx, so that the body can be delivered again.
 */
export async function receiveCallback(request: Request, { kind, secret }: { kind: InboxKind; secret: string }): Promise<CallbackIntake> {
  const sourceAddress = getSourceAddress(request);
  const path = new URL(request.url).pathname;
  if (!isCallbackSecretValid(secret)) {
    console.warn(`Rejected ${kind} callback with a wrong secret from ${sourceAddress ?? 'unknown address'}`);
    return { ok: false, reason: 'not_found', response: NextResponse.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 }) };
  }
  if (!isCallbackSourceAllowed(sourceAddress)) {
    console.warn(`Rejected ${kind} callback from ${sourceAddress ?? 'unknown address'}: not in MPESA_CALLBACK_ALLOWED_IPS`);
    return { ok: false, reason: 'forbidden', response: NextResponse.json({ error: { code: 'forbidden', message: 'Forbidden' } }, { status: 403 }) };
  }
  try {
    const body = await request.text();
    const headers = Object.fromEntries(request.headers.entries());
    const db = await getDb();
    const row = await insertInboxRow(db, { kind, path: path.replace(secret, ':secret'), headers, sourceAddress, body });
    return { ok: true, row };
  } catch (error) {
    console.error(`Could not store ${kind} callback`, error);
    return {
      ok: false,
      reason: 'store_failed',
      response: NextResponse.json({ ResultCode: 1, ResultDesc: 'Temporarily unable to accept; please retry' }, { status: 503 }),
    };
  }
}
