import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { rejectRequest } from '@/lib/payments/approvals/decide-request';
import { parseIdParam, safeText } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({ reason: safeText({ min: 2, max: 200, required: 'Say why it is rejected' }) });

export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const id = parseIdParam((await context.params).id);
  if (!id) throw notFound('That request');
  const { reason } = await parseJsonBody(request, bodySchema);
  const decided = await rejectRequest(await getDb(), { caller, requestId: id, reason });
  const row = decided.kind === 'payout' ? decided.payout : decided.reversal;
  return NextResponse.json({ kind: decided.kind, id: row.id, status: row.status });
});
