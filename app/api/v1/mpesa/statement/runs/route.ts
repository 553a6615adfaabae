import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { listStatementRuns } from '@/db/queries/mpesa-statement';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { toStatementRunView } from '@/lib/payments/statement/statement-run-view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The agency's latest reconciliation runs, newest first. */
export const GET = handleApi(async () => {
  const caller = await requireApiCaller(['admin']);
  const runs = await listStatementRuns(await getDb(), { agencyId: caller.agencyId });
  return NextResponse.json({ runs: runs.map(toStatementRunView) });
});
