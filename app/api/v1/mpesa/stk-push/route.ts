import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody, respondIdempotently } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { initiateStkPush } from '@/lib/payments/stk/initiate-stk-push';
import { stkPushRequestSchema } from '@/lib/payments/stk/stk-push-input';
import type { StkPushResponse } from '@/lib/payments/stk/stk-status-types';
import { toStkStatusView } from '@/lib/payments/stk/stk-status-view';
import { formatKenyanPhone } from '@/lib/phone';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Sends the payment prompt; with an `Idempotency-Key`, a repeat returns the first answer and sends no prompt. */
export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller();
  return respondIdempotently(request, { caller }, async () => {
    const body = await parseJsonBody(request, stkPushRequestSchema);
    const { push, reused, unknownOutcome } = await initiateStkPush(await getDb(), {
      caller,
      leaseId: body.leaseId,
      phoneNumber: body.phoneNumber,
      amountCents: body.amount * 100,
      accountReference: body.accountReference,
    });
    const status = toStkStatusView(push, null);
    const result: StkPushResponse = {
      id: push.id,
      checkoutRequestId: push.checkoutRequestId,
      merchantRequestId: push.merchantRequestId,
      reused,
      unknownOutcome,
      // Never Daraja's "Success. Request accepted for processing": nothing has been paid yet.
      customerMessage: reused
        ? 'A payment prompt is already open for this lease. Check your phone.'
        : unknownOutcome
          ? 'M-Pesa did not confirm that it received the request.'
          : `We sent the payment request to ${formatKenyanPhone(push.phone)}.`,
      status,
    };
    // 202: accepted, outcome still open (the push is pending until M-Pesa settles it); 201 a new prompt; 200 the open one.
    return NextResponse.json(result, { status: unknownOutcome ? 202 : reused ? 200 : 201 });
  });
});
