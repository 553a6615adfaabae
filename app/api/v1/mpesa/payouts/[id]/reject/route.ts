import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { rejectRequest } from '@/lib/payments/approvals/decide-request';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const bodySchema = z.object({ reason: z.string().trim().min(2, 'Say why it is rejected').max(200) });

export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const { id } = await context.params;
  const { reason } = await parseJsonBody(request, bodySchema);
  const decided = await rejectRequest(await getDb(), { caller, requestId: id, reason });
  const row = decided.kind === 'payout' ? decided.payout : decided.reversal;
  return NextResponse.json({ kind: decided.kind, id: row.id, status: row.status });
});
