import 'server-only';
import type { InboxKind } from '@/db/queries/callback-inbox';
import { callbackJson, receiveCallback } from './callback-intake';

const ACCEPTED = { ResultCode: 0, ResultDesc: 'Accepted' };

/**
 * A Daraja callback endpoint: secret check and raw storage in the inbox (`receiveCallback`), then "Accepted" at
 * once. Applying it is the inbox workers' job (lib/payments/inbox-worker.ts), woken by the store: nothing the
 * application does can delay the answer, and Daraja (which does not retry) never waits for our processing. Only a
 * failure to store the body answers 5xx, so that Daraja (or an operator) can deliver it again.
 */
export function createCallbackRoute({ kind }: { kind: InboxKind }) {
  return async function POST(request: Request, context: { params: Promise<{ secret: string }> }): Promise<Response> {
    const { secret } = await context.params;
    const intake = await receiveCallback(request, { kind, secret });
    if (!intake.ok) return intake.response;
    return callbackJson(ACCEPTED);
  };
}
