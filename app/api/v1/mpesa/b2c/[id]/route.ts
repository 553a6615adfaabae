import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getPayoutForCaller } from '@/db/queries/mpesa-b2c';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { parseIdParam } from '@/lib/validation/strict';
import { toPayoutView } from '@/lib/payments/b2c/payout-view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One payout, for the form's progress polling. */
export const GET = handleApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const id = parseIdParam((await context.params).id);
  if (!id) throw notFound('That payout');
  const item = await getPayoutForCaller(await getDb(), { caller, payoutId: id });
  if (!item) throw notFound('That payout');
  return NextResponse.json({ payout: toPayoutView(item, caller) });
});
