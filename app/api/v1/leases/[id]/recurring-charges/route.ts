import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { addRecurringCharge, recurringChargeSchema } from '@/lib/leases/lease-charges';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Adds a recurring charge (fixed each month, or metered by readings). */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, recurringChargeSchema);
  const db = await getDb();
  const row = await addRecurringCharge(db, { caller, leaseId: id, input });
  return NextResponse.json({ id: row.id, redirect: `/leases/${id}` }, { status: 201 });
});
