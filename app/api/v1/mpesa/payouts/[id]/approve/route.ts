import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, respondIdempotently } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { approveRequest } from '@/lib/payments/approvals/decide-request';
import { parseIdParam } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** An admin other than the requester approves a waiting payout or reversal; it is then sent. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const id = parseIdParam((await context.params).id);
  if (!id) throw notFound('That request');
  return respondIdempotently(request, { caller }, async () => {
    const decided = await approveRequest(await getDb(), { caller, requestId: id });
    const row = decided.kind === 'payout' ? decided.payout : decided.reversal;
    return NextResponse.json({ kind: decided.kind, id: row.id, status: row.status });
  });
});
