import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getPayoutForCaller, listPayoutsForCaller } from '@/db/queries/mpesa-b2c';
import { handleApi, parseJsonBody, respondIdempotently } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { payoutRequestSchema } from '@/lib/payments/b2c/payout-input';
import { toPayoutView } from '@/lib/payments/b2c/payout-view';
import { requestPayout } from '@/lib/payments/b2c/request-payout';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Requests a B2C payout (deposit refund or general payout); 201 when created, 200 for a repeated `idempotencyKey`
 * field. The `Idempotency-Key` header replays the first answer whole.
 */
export const POST = handleApi(async (request: Request) => {
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

export const GET = handleApi(async () => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const items = await listPayoutsForCaller(await getDb(), { caller });
  return NextResponse.json({ payouts: items.map((i) => toPayoutView(i, caller)) });
});
