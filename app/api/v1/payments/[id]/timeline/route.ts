import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { handleApi } from '@/lib/api/respond';
import { requireApiCaller } from '@/lib/auth/session';
import { loadPaymentTimeline } from '@/lib/payments/timeline/load-payment-timeline';
import { paymentTimelineSchema } from '@/lib/payments/timeline/timeline-schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Everything that happened to one payment's money, oldest first, with the actions the caller may take. Admins of
 * its agency, the landlord of its property and its tenant see it; anyone else gets 404 (the service decides).
 */
export const GET = handleApi(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiCaller();
  const { id } = await context.params;
  const timeline = await loadPaymentTimeline(await getDb(), { caller, paymentId: id });
  // Parsed with the schema the client parses it with: a shape drift fails here, not in someone's browser.
  return NextResponse.json(paymentTimelineSchema.parse(timeline));
});
