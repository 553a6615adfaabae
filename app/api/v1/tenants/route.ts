import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { createTenant } from '@/lib/tenants/manage-tenants';
import { tenantSchema } from '@/lib/tenants/tenant-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Adds a tenant (phone unique in the agency, email unique in Haven). */
export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const input = await parseJsonBody(request, tenantSchema);
  const db = await getDb();
  const tenant = await createTenant(db, { caller, input });
  return NextResponse.json({ id: tenant.id, redirect: `/tenants/${tenant.id}` }, { status: 201 });
});
