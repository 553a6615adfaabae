import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, respondIdempotently } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { getBalanceOverview, toBalanceCheckView } from '@/lib/payments/balance/get-balance-overview';
import { requestBalanceCheck } from '@/lib/payments/balance/request-balance-check';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Starts an Account Balance query (or joins the one already on its way); the widget then polls /latest. */
export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin']);
  return respondIdempotently(request, { caller }, async () => {
    const check = await requestBalanceCheck(await getDb(), { caller });
    return NextResponse.json({ check: toBalanceCheckView(check) }, { status: 202 });
  });
});

/** The history of checks (newest first), for the chart. */
export const GET = handleApi(async () => {
  const caller = await requireApiCaller(['admin']);
  const { history } = await getBalanceOverview(await getDb(), { agencyId: caller.agencyId });
  return NextResponse.json({ history });
});
