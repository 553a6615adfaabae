import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { disputeSchema, raiseDispute } from '@/lib/deposits/deposit-settlement';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The tenant disputes deposit deductions with a message. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['tenant']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, disputeSchema);
  const db = await getDb();
  const dispute = await raiseDispute(db, { caller, leaseId: id, message: input.message });
  return NextResponse.json({ id: dispute.id, redirect: `/leases/${id}` }, { status: 201 });
});
