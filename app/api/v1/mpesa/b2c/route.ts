/** The write-up's payout path: the same handlers as `/api/v1/payouts` (lib/api/resources/payouts.ts). */
export { listPayouts as GET, createPayout as POST } from '@/lib/api/resources/payouts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
