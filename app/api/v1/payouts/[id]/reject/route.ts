import { rejectHandler } from '@/lib/api/resources/request-decisions';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Rejects a payout only: a reversal's id is 404 here. */
export const POST = rejectHandler('payout');
