import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { getReversalForCaller } from '@/db/queries/mpesa-reversals';
import { handleApi, parseJsonBody, respondIdempotently } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { requestReversal } from '@/lib/payments/reversal/request-reversal';
import { reversalRequestSchema } from '@/lib/payments/reversal/reversal-input';
import { toReversalView } from '@/lib/payments/reversal/reversal-view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `{ transactionId, amount, remarks }`: reverses an M-Pesa payment (a landlord's request waits for an admin). */
export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  return respondIdempotently(request, { caller }, async () => {
    const input = await parseJsonBody(request, reversalRequestSchema);
    const db = await getDb();
    const reversal = await requestReversal(db, { caller, input });
    const item = await getReversalForCaller(db, { caller, reversalId: reversal.id });
    if (!item) throw new Error('reversal vanished after it was requested');
    return NextResponse.json({ reversal: toReversalView(item, caller) }, { status: 201 });
  });
});
