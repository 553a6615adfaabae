import 'server-only';
import { after, NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import type { InboxKind } from '@/db/queries/callback-inbox';
import { receiveCallback } from './callback-intake';
import { processInboxRowById } from './process-inbox';

const ACCEPTED = { ResultCode: 0, ResultDesc: 'Accepted' };

/**
 * A Daraja callback endpoint: secret check and raw storage in the inbox (`receiveCallback`), a quick "Accepted",
 * then processing after the response. Only a failure to store the body answers 5xx, so that Daraja (or an
 * operator) can deliver it again.
 */
export function createCallbackRoute({ kind }: { kind: InboxKind }) {
  return async function POST(request: Request, context: { params: Promise<{ secret: string }> }): Promise<Response> {
    const { secret } = await context.params;
    const intake = await receiveCallback(request, { kind, secret });
    if (!intake.ok) return intake.response;
    const inboxId = intake.row.id;
    after(async () => {
      await processInboxRowById(await getDb(), { id: inboxId });
    });
    return NextResponse.json(ACCEPTED);
  };
}
