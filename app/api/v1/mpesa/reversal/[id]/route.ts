/** The same handler as `GET /api/v1/reversals/{id}`. */
export { getReversal as GET } from '@/lib/api/resources/reversals';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
