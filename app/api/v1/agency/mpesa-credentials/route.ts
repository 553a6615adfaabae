import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { mpesaCredentialsSchema, updateAgencyCredentials } from '@/lib/agency/agency-settings';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Stores the agency’s paybill and Daraja credentials, sealed; never returns them. */
export const PUT = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin']);
  const input = await parseJsonBody(request, mpesaCredentialsSchema);
  const db = await getDb();
  await updateAgencyCredentials(db, { caller, input });
  return NextResponse.json({ ok: true, redirect: '/admin/settings' });
});
