import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { activateLease } from '@/lib/leases/activate-lease';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Activates a draft: the unit is let, the deposit and first rent are charged. */
export const POST = handleApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const db = await getDb();
  const lease = await activateLease(db, { caller, leaseId: id });
  return NextResponse.json({ id: lease.id, status: lease.status, redirect: `/leases/${lease.id}` });
});
