import { createCallbackRoute } from '@/lib/payments/callback-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// STK push results (SPEC §3.4): secret check, raw storage, "Accepted", then applied by the `stk` inbox processor.
export const POST = createCallbackRoute({ kind: 'stk' });
