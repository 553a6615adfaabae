import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { addUnits } from '@/lib/properties/manage-properties';
import { addUnitsSchema } from '@/lib/properties/property-input';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Adds units in bulk from a range like A1–A12. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, addUnitsSchema);
  const db = await getDb();
  const units = await addUnits(db, { caller, propertyId: id, input });
  return NextResponse.json({ added: units.map((u) => u.label), redirect: `/properties/${id}` }, { status: 201 });
});
