import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { getBalanceOverview } from '@/lib/payments/balance/get-balance-overview';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Starts an Account Balance query (or joins the one on its way): the same handler as `POST /api/v1/balance-checks`. */
export { createBalanceCheck as POST } from '@/lib/api/resources/balance-checks';

/** The history of checks (newest first), for the chart. */
export const GET = handleApi(async () => {
  const caller = await requireApiCaller(['admin']);
  const { history } = await getBalanceOverview(await getDb(), { agencyId: caller.agencyId });
  return NextResponse.json({ history });
});
