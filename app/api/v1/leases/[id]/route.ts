/** One lease the caller may see (404 otherwise). */
export { getLease as GET } from '@/lib/api/resources/leases';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
