import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { rejectRequest } from '@/lib/payments/approvals/decide-request';
import { rejectRequestSchema } from '@/lib/payments/approvals/decision-input';
import { parseIdParam } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const id = parseIdParam((await context.params).id);
  if (!id) throw notFound('That request');
  const { reason } = await parseJsonBody(request, rejectRequestSchema);
  const decided = await rejectRequest(await getDb(), { caller, requestId: id, reason });
  const row = decided.kind === 'payout' ? decided.payout : decided.reversal;
  return NextResponse.json({ kind: decided.kind, id: row.id, status: row.status });
});
