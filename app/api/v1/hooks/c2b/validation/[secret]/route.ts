import { createC2bValidationRoute } from '@/lib/payments/c2b/c2b-validation-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// The same handler as /api/v1/mpesa/c2b/validation/{secret}, at a path Safaricom accepts (lib/mpesa/callback-url-words.ts).
export const POST = createC2bValidationRoute();
