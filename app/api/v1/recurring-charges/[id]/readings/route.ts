import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi, parseJsonBody } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { meterReadingSchema, recordMeterReading } from '@/lib/leases/lease-charges';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Records a meter reading and charges the units used. */
export const POST = handleApi(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller(['admin', 'landlord']);
  const { id } = await context.params;
  const input = await parseJsonBody(request, meterReadingSchema);
  const db = await getDb();
  const { reading, charge } = await recordMeterReading(db, { caller, recurringChargeId: id, input });
  return NextResponse.json({ id: reading.id, chargeId: charge?.id ?? null, redirect: `/leases/${reading.leaseId}` }, { status: 201 });
});
