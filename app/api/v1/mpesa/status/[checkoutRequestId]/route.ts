import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { getStkStatusForCaller } from '@/lib/payments/stk/resolve-stk-status';
import { toStkStatusSummary } from '@/lib/payments/stk/stk-status-view';
import { parseTextParam } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handleApi(async (_request: Request, context: { params: Promise<{ checkoutRequestId: string }> }) => {
  const caller = await requireApiCaller();
  // Our push id or Daraja's CheckoutRequestID, as Next.js decoded it (decoding again would throw on `%25E0`).
  const ref = parseTextParam((await context.params).checkoutRequestId);
  if (!ref) throw notFound('Payment request');
  const view = await getStkStatusForCaller(await getDb(), { caller, ref });
  return NextResponse.json(toStkStatusSummary(view), { headers: { 'cache-control': 'no-store' } });
});
