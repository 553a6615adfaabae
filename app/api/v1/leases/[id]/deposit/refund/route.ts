import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody, respondIdempotently } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { refundRemainingDeposit, refundRestSchema } from '@/lib/deposits/deposit-settlement';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Refunds what is left of the deposit by B2C (approval above the agency threshold). */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  return respondIdempotently(request, { caller }, async () => {
    const input = await parseJsonBody(request, refundRestSchema);
    const db = await getDb();
    const { payout, created } = await refundRemainingDeposit(db, { caller, leaseId: id, phone: input.phone, requestApproval: input.requestApproval });
    return NextResponse.json({ payoutId: payout.id, status: payout.status, redirect: `/leases/${id}` }, { status: created ? 201 : 200 });
  });
});
