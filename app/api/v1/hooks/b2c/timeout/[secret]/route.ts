import { createCallbackRoute } from '@/lib/payments/callback-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// The same handler as /api/v1/mpesa/b2c/timeout/{secret}, at a path Safaricom accepts (lib/mpesa/callback-url-words.ts).
export const POST = createCallbackRoute({ kind: 'b2c-timeout' });
