import { createC2bValidationRoute } from '@/lib/payments/c2b/c2b-validation-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Paybill validation (SPEC §9.2–9.3): answered synchronously with accept or a C2B000xx reject code.
export const POST = createC2bValidationRoute();
