import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { isNairobiDay } from '@/lib/nairobi-day';
import { getMpesaContext } from '@/lib/payments/mpesa-context';
import { buildDailyProof } from '@/lib/payments/proof/build-daily-proof';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The daily proof of one Nairobi day (`YYYY-MM-DD`) for the caller's agency (admins). */
export const GET = handleApi(async (_request: Request, context: { params: Promise<{ day: string }> }) => {
  const caller = await requireApiCaller(['admin']);
  const { day } = await context.params;
  if (!isNairobiDay(day)) throw new AppError('invalid_request', 'The day must be a date like 2026-12-02');
  const db = await getDb();
  const { shortcode } = await getMpesaContext(db, { agencyId: caller.agencyId });
  const proof = await buildDailyProof(db, { agencyId: caller.agencyId, shortcode, day });
  return NextResponse.json(proof, { headers: { 'cache-control': 'no-store' } });
});
