export { getPayout as GET } from '@/lib/api/resources/payouts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
