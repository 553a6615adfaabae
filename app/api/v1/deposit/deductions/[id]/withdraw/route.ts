import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { withdrawDeduction, withdrawDeductionSchema } from '@/lib/deposits/deposit-settlement';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Withdraws a deposit deduction with an adjustment entry. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, withdrawDeductionSchema);
  const db = await getDb();
  const adjustment = await withdrawDeduction(db, { caller, movementId: id, reason: input.reason });
  return NextResponse.json({ id: adjustment.id, redirect: `/leases/${adjustment.leaseId}` }, { status: 201 });
});
