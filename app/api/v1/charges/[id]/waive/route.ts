import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { waiveCharge, waiveSchema } from '@/lib/leases/lease-charges';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Waives a charge (all that is left, or part) with a credit note. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, waiveSchema);
  const db = await getDb();
  const note = await waiveCharge(db, { caller, chargeId: id, amountCents: input.amount, reason: input.reason });
  return NextResponse.json({ id: note.id, redirect: `/leases/${note.leaseId}` }, { status: 201 });
});
