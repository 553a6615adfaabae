import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { initiateStkPush } from '@/lib/payments/stk/initiate-stk-push';
import { STK_MAX_KES, STK_MIN_KES } from '@/lib/payments/stk/stk-settings';
import type { StkPushResponse } from '@/lib/payments/stk/stk-status-types';
import { toStkStatusView } from '@/lib/payments/stk/stk-status-view';
import { formatKenyanPhone } from '@/lib/phone';
import { idSchema, safeText, strictKes } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  phoneNumber: safeText({ min: 1, max: 20, required: 'Enter your M-Pesa phone number' }),
  // Whole KES as a JSON integer, as rent-payment integrators send it; Daraja moves whole shillings only.
  // Strings ("16", "0x10", "1e1"), booleans and arrays are refused (see lib/validation/strict.ts).
  amount: strictKes({
    min: STK_MIN_KES,
    max: STK_MAX_KES,
    tooSmall: `The minimum M-Pesa payment is KES ${STK_MIN_KES}`,
    tooLarge: `The maximum M-Pesa payment is KES ${STK_MAX_KES.toLocaleString('en-KE')}`,
  }),
  accountReference: safeText({ max: 12, tooLong: 'The account reference can have at most 12 characters' })
    .regex(/^[\w -]*$/, 'Use letters, digits, spaces and dashes')
    .optional(),
  leaseId: idSchema('Choose a lease'),
});

export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller();
  const body = await parseJsonBody(request, bodySchema);
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
