import 'server-only';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getPayoutForCaller, listPayoutsForCaller } from '@/db/queries/mpesa-b2c';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { payoutRequestSchema } from '@/lib/payments/b2c/payout-input';
import { toPayoutView } from '@/lib/payments/b2c/payout-view';
import { requestPayout } from '@/lib/payments/b2c/request-payout';
import { parseIdParam } from '@/lib/validation/strict';
import { handleApi, parseJsonBody, respondIdempotently } from '../respond';

/**
 * Payouts (B2C) as a resource. `/api/v1/payouts` and the write-up's `/api/v1/mpesa/b2c` export these same
 * handlers, so both paths answer alike whatever changes.
 */

type IdContext = { params: Promise<{ id: string }> };

/** 201 when created, 200 for a repeated `idempotencyKey` field; the `Idempotency-Key` header replays the first answer whole. */
export const createPayout = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  return respondIdempotently(request, { caller }, async () => {
    const input = await parseJsonBody(request, payoutRequestSchema);
    const db = await getDb();
    const { payout, created } = await requestPayout(db, { caller, input });
    const item = await getPayoutForCaller(db, { caller, payoutId: payout.id });
    if (!item) throw new Error('payout vanished after it was requested');
    return NextResponse.json({ payout: toPayoutView(item, caller), created }, { status: created ? 201 : 200 });
  });
});

/** The newest 50 payouts the caller may see (an admin's agency; a landlord's own requests and properties). */
export const listPayouts = handleApi(async () => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const items = await listPayoutsForCaller(await getDb(), { caller });
  return NextResponse.json({ payouts: items.map((i) => toPayoutView(i, caller)) });
});

export const getPayout = handleApi(async (_request: Request, context: IdContext) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const id = parseIdParam((await context.params).id);
  const item = id ? await getPayoutForCaller(await getDb(), { caller, payoutId: id }) : null;
  if (!item) throw notFound('That payout');
  return NextResponse.json({ payout: toPayoutView(item, caller) });
});
