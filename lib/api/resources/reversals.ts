import 'server-only';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getReversalForCaller, listReversalsForCaller } from '@/db/queries/mpesa-reversals';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { requestReversal } from '@/lib/payments/reversal/request-reversal';
import { reversalRequestSchema } from '@/lib/payments/reversal/reversal-input';
import { toReversalView } from '@/lib/payments/reversal/reversal-view';
import { parseIdParam } from '@/lib/validation/strict';
import { handleApi, parseJsonBody, respondIdempotently } from '../respond';

/**
 * Reversals as a resource. `/api/v1/reversals` and the write-up's `/api/v1/mpesa/reverse` and
 * `/api/v1/mpesa/reversal/{id}` export these same handlers.
 */

type IdContext = { params: Promise<{ id: string }> };

/** `{ transactionId, amount, remarks }`: reverses an M-Pesa payment (a landlord's request waits for an admin). */
export const createReversal = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  return respondIdempotently(request, { caller }, async () => {
    const input = await parseJsonBody(request, reversalRequestSchema);
    const db = await getDb();
    const reversal = await requestReversal(db, { caller, input });
    const item = await getReversalForCaller(db, { caller, reversalId: reversal.id });
    if (!item) throw new Error('reversal vanished after it was requested');
    return NextResponse.json({ reversal: toReversalView(item, caller) }, { status: 201 });
  });
});

/** The newest 50 reversals the caller may see (an admin's agency; a landlord's own requests and properties). */
export const listReversals = handleApi(async () => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const items = await listReversalsForCaller(await getDb(), { caller });
  return NextResponse.json({ reversals: items.map((i) => toReversalView(i, caller)) });
});

export const getReversal = handleApi(async (_request: Request, context: IdContext) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const id = parseIdParam((await context.params).id);
  const item = id ? await getReversalForCaller(await getDb(), { caller, reversalId: id }) : null;
  if (!item) throw notFound('That reversal');
  return NextResponse.json({ reversal: toReversalView(item, caller) });
});
