import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { getStkStatusForCaller } from '@/lib/payments/stk/resolve-stk-status';
import { toStkStatusSummary } from '@/lib/payments/stk/stk-status-view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handleApi(async (_request: Request, context: { params: Promise<{ checkoutRequestId: string }> }) => {
  const caller = await requireApiCaller();
  const { checkoutRequestId } = await context.params;
  const view = await getStkStatusForCaller(await getDb(), { caller, ref: decodeURIComponent(checkoutRequestId) });
  return NextResponse.json(toStkStatusSummary(view), { headers: { 'cache-control': 'no-store' } });
});
