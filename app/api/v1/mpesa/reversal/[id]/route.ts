import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getReversalForCaller } from '@/db/queries/mpesa-reversals';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { parseIdParam } from '@/lib/validation/strict';
import { toReversalView } from '@/lib/payments/reversal/reversal-view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handleApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const id = parseIdParam((await context.params).id);
  if (!id) throw notFound('That reversal');
  const item = await getReversalForCaller(await getDb(), { caller, reversalId: id });
  if (!item) throw notFound('That reversal');
  return NextResponse.json({ reversal: toReversalView(item, caller) });
});
