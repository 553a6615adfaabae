import { createCallbackRoute } from '@/lib/payments/callback-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// The same handler as /api/v1/mpesa/balance/timeout/{secret}, at a path Safaricom accepts (lib/mpesa/callback-url-words.ts).
export const POST = createCallbackRoute({ kind: 'balance-timeout' });
