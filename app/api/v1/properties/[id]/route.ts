import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { editProperty } from '@/lib/properties/manage-properties';
import { propertySchema } from '@/lib/properties/property-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Edits a property the caller manages. */
export const PATCH = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, propertySchema);
  const db = await getDb();
  const property = await editProperty(db, { caller, propertyId: id, input });
  return NextResponse.json({ id: property.id, redirect: `/properties/${property.id}` });
});
