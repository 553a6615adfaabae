/** The caller's payments, filtered and keyset-paginated (lib/api/resources/payments.ts). */
export { listPayments as GET } from '@/lib/api/resources/payments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
