import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { z } from 'zod';
import { archiveProperty } from '@/lib/properties/manage-properties';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Archives (or restores) a property with no lease in force. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, z.object({ archived: z.union([z.boolean(), z.string()]).transform((v) => v === true || v === '1' || v === 'true') }));
  const db = await getDb();
  await archiveProperty(db, { caller, propertyId: id, archived: input.archived });
  return NextResponse.json({ id, archived: input.archived, redirect: `/properties/${id}` });
});
