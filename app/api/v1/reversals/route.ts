/** Reversals: the same handlers as the write-up's `/api/v1/mpesa/reverse`. */
export { listReversals as GET, createReversal as POST } from '@/lib/api/resources/reversals';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
