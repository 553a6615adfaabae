import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { getBalanceOverview } from '@/lib/payments/balance/get-balance-overview';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The newest successful balance, the newest check of any status (progress, failures) and the history. */
export const GET = handleApi(async () => {
  const caller = await requireApiCaller(['admin']);
  return NextResponse.json(await getBalanceOverview(await getDb(), { agencyId: caller.agencyId }));
});
