import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { manualPaymentSchema, recordManualPayment } from '@/lib/ledger/manual-payments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Records a cash, bank or cheque payment. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, manualPaymentSchema);
  const db = await getDb();
  const payment = await recordManualPayment(db, { caller, leaseId: id, input });
  return NextResponse.json({ id: payment.id, redirect: `/receipts/${payment.id}` }, { status: 201 });
});
