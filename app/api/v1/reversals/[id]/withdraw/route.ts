import { withdrawHandler } from '@/lib/api/resources/request-decisions';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Withdraws a reversal only: a payout's id is 404 here. */
export const POST = withdrawHandler('reversal');
