import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { createProperty } from '@/lib/properties/manage-properties';
import { propertySchema } from '@/lib/properties/property-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Creates a property (admins choose its landlord; a landlord creates their own). */
export const POST = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const input = await parseJsonBody(request, propertySchema);
  const db = await getDb();
  const property = await createProperty(db, { caller, input });
  return NextResponse.json({ id: property.id, redirect: `/properties/${property.id}` }, { status: 201 });
});
