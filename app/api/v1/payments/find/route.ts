import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { findMyPayment } from '@/lib/payments/receipts/find-my-payment';
import { paymentLookupSchema } from '@/lib/payments/receipts/payment-lookup-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** "I paid — find my payment": a tenant's M-Pesa code, looked up in the books, then with M-Pesa (find-my-payment.ts). */
export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['tenant']);
  const input = await parseJsonBody(request, paymentLookupSchema);
  const result = await findMyPayment(await getDb(), { caller, code: input.code, leaseId: input.leaseId });
  return NextResponse.json(result);
});
