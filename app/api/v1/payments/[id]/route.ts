/** One payment the caller may see (404 otherwise). */
export { getPayment as GET } from '@/lib/api/resources/payments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
