import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { reconcileStatement } from '@/lib/payments/statement/reconcile-statement';
import { toStatementRunView } from '@/lib/payments/statement/statement-run-view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Checks the books against M-Pesa's statement now (admins), instead of waiting for the next sweep. */
export const POST = handleApi(async () => {
  const caller = await requireApiCaller(['admin']);
  const result = await reconcileStatement(await getDb(), { agencyId: caller.agencyId, trigger: 'admin' });
  if (result.skipped) throw new AppError('conflict', `${result.reason}. Try again in a minute.`);
  return NextResponse.json({ run: toStatementRunView(result.run) });
});
