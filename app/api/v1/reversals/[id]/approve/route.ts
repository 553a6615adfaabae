import { approveHandler } from '@/lib/api/resources/request-decisions';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Approves a reversal only: a payout's id is 404 here. */
export const POST = approveHandler('reversal');
