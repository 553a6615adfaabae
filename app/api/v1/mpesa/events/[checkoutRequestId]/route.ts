import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { getStkStatusView } from '@/lib/payments/stk/resolve-stk-status';
import { subscribeStkStatus } from '@/lib/payments/stk/stk-events';
import type { StkStatusView } from '@/lib/payments/stk/stk-status-types';
import { parseTextParam } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 15_000;
const MAX_STREAM_MS = 5 * 60_000;

/**
 * Server-Sent Events for one push: the current status at once, then a new `status` event within a moment of each
 * change (Postgres NOTIFY from the transaction that made it). The stream ends once the push is final.
 */
export const GET = handleApi(async (request: Request, context: { params: Promise<{ checkoutRequestId: string }> }) => {
  const caller = await requireApiCaller();
  // Our push id or Daraja's CheckoutRequestID (a push whose send outcome is unknown has only our id), as Next.js
  // decoded it: decoding again would throw on `%25E0`.
  const ref = parseTextParam((await context.params).checkoutRequestId);
  if (!ref) throw notFound('Payment request');
  const db = await getDb();
  const first = await getStkStatusView(db, { caller, ref });
  if (!first) throw notFound('Payment request');

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastSent = '';
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      const send = (view: StkStatusView) => {
        const data = JSON.stringify(view);
        if (data !== lastSent) write(`event: status\ndata: ${data}\n\n`);
        lastSent = data;
        if (view.status !== 'PENDING' && (view.status !== 'SUCCESS' || view.mpesaReceiptNumber)) close();
      };
      const refresh = async () => {
        const view = await getStkStatusView(db, { caller, ref });
        if (view) send(view);
      };

      write('retry: 3000\n\n');
      send(first);
      if (closed) return;
      let unsubscribe = () => {};
      try {
        unsubscribe = await subscribeStkStatus({ pushId: first.id }, () => {
          refresh().catch((error: unknown) => console.error('STK event refresh failed', error));
        });
      } catch (error) {
        // No LISTEN available: tell the client to fall back to polling.
        console.error('STK events: LISTEN failed', error);
        write('event: unavailable\ndata: {}\n\n');
        close();
        return;
      }
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
      const limit = setTimeout(close, MAX_STREAM_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(limit);
      };
      request.signal.addEventListener('abort', close);
      // A change between the first read and the subscription would otherwise be missed.
      await refresh();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
});
