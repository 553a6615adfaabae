/** Payouts (B2C): the same handlers as the write-up's `/api/v1/mpesa/b2c`. */
export { listPayouts as GET, createPayout as POST } from '@/lib/api/resources/payouts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
