import { createCallbackRoute } from '@/lib/payments/callback-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = createCallbackRoute({ kind: 'balance-timeout' });
