import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { addOneOffCharge, oneOffChargeSchema } from '@/lib/leases/lease-charges';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Adds a one-off charge to a lease. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, oneOffChargeSchema);
  const db = await getDb();
  const charge = await addOneOffCharge(db, { caller, leaseId: id, input });
  return NextResponse.json({ id: charge.id, redirect: `/leases/${id}` }, { status: 201 });
});
