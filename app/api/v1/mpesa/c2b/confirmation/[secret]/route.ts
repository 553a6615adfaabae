import { createCallbackRoute } from '@/lib/payments/callback-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Paybill confirmations (SPEC §9.2): secret check, raw storage, ResultCode 0, then applied by the
// `c2b-confirmation` inbox processor. Safaricom does not resend these, so storing first is what keeps the money.
export const POST = createCallbackRoute({ kind: 'c2b-confirmation' });
