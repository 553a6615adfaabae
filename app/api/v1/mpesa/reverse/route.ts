/** The write-up's reversal path: the same handler as `POST /api/v1/reversals`. */
export { createReversal as POST } from '@/lib/api/resources/reversals';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
