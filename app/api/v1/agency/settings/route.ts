import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { agencySettingsSchema, updateAgencySettings } from '@/lib/agency/agency-settings';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Updates the agency’s settings (admins of that agency only). */
export const PUT = handleApi(async (request: Request) => {
  const caller = await requireApiCaller(['admin']);
  const input = await parseJsonBody(request, agencySettingsSchema);
  const db = await getDb();
  await updateAgencySettings(db, { caller, input });
  return NextResponse.json({ ok: true, redirect: '/admin/settings' });
});
