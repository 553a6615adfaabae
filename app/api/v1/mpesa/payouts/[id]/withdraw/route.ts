import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { withdrawRequest } from '@/lib/payments/approvals/withdraw-request';
import { parseIdParam } from '@/lib/validation/strict';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// An empty JSON object: the body carries nothing, but the API takes JSON only (CSRF protection).
const bodySchema = z.object({}).strict();

/** The requester withdraws a payout or reversal still waiting for approval (audited; nothing was sent). */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const id = parseIdParam((await context.params).id);
  if (!id) throw notFound('That request');
  await parseJsonBody(request, bodySchema);
  const withdrawn = await withdrawRequest(await getDb(), { caller, requestId: id });
  const row = withdrawn.kind === 'payout' ? withdrawn.payout : withdrawn.reversal;
  return NextResponse.json({ kind: withdrawn.kind, id: row.id, status: row.status });
});
