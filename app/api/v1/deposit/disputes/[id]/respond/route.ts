import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { disputeResponseSchema, respondToDispute } from '@/lib/deposits/deposit-settlement';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Answers (and closes) a tenant’s deposit dispute. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, disputeResponseSchema);
  const db = await getDb();
  const dispute = await respondToDispute(db, { caller, disputeId: id, response: input.response });
  return NextResponse.json({ id: dispute.id, redirect: `/leases/${dispute.leaseId}` });
});
