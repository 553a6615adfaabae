import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { editTenant } from '@/lib/tenants/manage-tenants';
import { tenantSchema } from '@/lib/tenants/tenant-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Edits a tenant the caller may manage. */
export const PATCH = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, tenantSchema);
  const db = await getDb();
  const tenant = await editTenant(db, { caller, tenantId: id, input });
  return NextResponse.json({ id: tenant.id, redirect: `/tenants/${tenant.id}` });
});
