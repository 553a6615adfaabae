import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { changeRent } from '@/lib/leases/change-rent';
import { rentChangeSchema } from '@/lib/leases/lease-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Changes the rent from a chosen month on. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, rentChangeSchema);
  const db = await getDb();
  const change = await changeRent(db, { caller, leaseId: id, effectivePeriod: input.effectivePeriod, monthlyRentCents: input.monthlyRent, reason: input.reason });
  return NextResponse.json({ id: change.id, redirect: `/leases/${id}` }, { status: 201 });
});
