import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { endLease } from '@/lib/leases/end-lease';
import { endLeaseSchema } from '@/lib/leases/lease-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Ends a lease at move-out (or discards a draft). */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, endLeaseSchema);
  const db = await getDb();
  const lease = await endLease(db, { caller, leaseId: id, endDate: input.endDate, reason: input.reason });
  return NextResponse.json({ id: lease.id, status: lease.status, redirect: `/leases/${lease.id}` });
});
