import { withdrawHandler } from '@/lib/api/resources/request-decisions';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Withdraws a payout only: a reversal's id is 404 here. */
export const POST = withdrawHandler('payout');
