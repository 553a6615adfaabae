import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { voidManualPayment, voidPaymentSchema } from '@/lib/ledger/manual-payments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Undoes a manual payment with a correcting entry. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, voidPaymentSchema);
  const db = await getDb();
  const corrected = await voidManualPayment(db, { caller, paymentId: id, reason: input.reason });
  return NextResponse.json({ correctionId: corrected.correctionId, redirect: `/receipts/${id}` }, { status: 201 });
});
