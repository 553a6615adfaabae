import 'server-only';
import { after, NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { insertInboxRow } from '@/db/queries/callback-inbox';
import { getSourceAddress, isCallbackSecretValid, isCallbackSourceAllowed } from './callback-guard';
import { processInboxRowById } from './process-inbox';

const ACCEPTED = { ResultCode: 0, ResultDesc: 'Accepted' };

/**
 * A Daraja callback endpoint: secret check (404 when wrong: the URL does not exist for a guesser), raw storage
 * in the inbox before anything is parsed (invariant 2), a quick "Accepted", then processing after the response.
 * Only a failure to store the body answers 5xx, so that Daraja (or an operator) can deliver it again.
 */
export function createCallbackRoute({ kind }: { kind: string }) {
  return async function POST(request: Request, context: { params: Promise<{ secret: string }> }): Promise<Response> {
    const { secret } = await context.params;
    const sourceAddress = getSourceAddress(request);
    const path = new URL(request.url).pathname;
    if (!isCallbackSecretValid(secret)) {
      console.warn(`Rejected ${kind} callback with a wrong secret from ${sourceAddress ?? 'unknown address'}`);
      return NextResponse.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
    }
    if (!isCallbackSourceAllowed(sourceAddress)) {
      console.warn(`Rejected ${kind} callback from ${sourceAddress ?? 'unknown address'}: not in MPESA_CALLBACK_ALLOWED_IPS`);
      return NextResponse.json({ error: { code: 'forbidden', message: 'Forbidden' } }, { status: 403 });
    }

    let inboxId: string;
    try {
      const body = await request.text();
      const headers = Object.fromEntries(request.headers.entries());
      const db = await getDb();
      const row = await insertInboxRow(db, { kind, path: path.replace(secret, ':secret'), headers, sourceAddress, body });
      inboxId = row.id;
    } catch (error) {
      console.error(`Could not store ${kind} callback`, error);
      return NextResponse.json({ ResultCode: 1, ResultDesc: 'Temporarily unable to accept; please retry' }, { status: 503 });
    }

    after(async () => {
      await processInboxRowById(await getDb(), { id: inboxId });
    });
    return NextResponse.json(ACCEPTED);
  };
}
