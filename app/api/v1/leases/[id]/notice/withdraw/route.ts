import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { withdrawNotice } from '@/lib/leases/lease-notice';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Withdraws notice: the lease is active again. */
export const POST = handleApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const db = await getDb();
  const lease = await withdrawNotice(db, { caller, leaseId: id });
  return NextResponse.json({ id: lease.id, status: lease.status, redirect: `/leases/${lease.id}` });
});
