export { getBalanceCheckView as GET } from '@/lib/api/resources/balance-checks';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
