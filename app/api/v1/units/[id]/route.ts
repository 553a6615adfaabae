import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { editUnit } from '@/lib/properties/manage-properties';
import { updateUnitSchema } from '@/lib/properties/property-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Edits a unit (type, asking rent and deposit, vacant/unavailable). */
export const PATCH = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, updateUnitSchema);
  const db = await getDb();
  const unit = await editUnit(db, { caller, unitId: id, input });
  return NextResponse.json({ id: unit.id, redirect: `/properties/${unit.propertyId}` });
});
