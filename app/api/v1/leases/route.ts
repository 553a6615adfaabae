import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { createLease } from '@/lib/leases/create-lease';
import { createLeaseSchema } from '@/lib/leases/lease-input';

/** The caller's leases, keyset-paginated (lib/api/resources/leases.ts). */
export { listLeases as GET } from '@/lib/api/resources/leases';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Creates a draft lease on a vacant unit. */
export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const input = await parseJsonBody(request, createLeaseSchema);
  const db = await getDb();
  const lease = await createLease(db, { caller, input });
  return NextResponse.json({ id: lease.id, redirect: `/leases/${lease.id}` }, { status: 201 });
});
