/** Account Balance checks: POST is the same handler as the write-up's `POST /api/v1/mpesa/balance`. */
export { listBalanceCheckViews as GET, createBalanceCheck as POST } from '@/lib/api/resources/balance-checks';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
