/** The same handler as `GET /api/v1/payouts/{id}` (the payout form polls it for progress). */
export { getPayout as GET } from '@/lib/api/resources/payouts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
