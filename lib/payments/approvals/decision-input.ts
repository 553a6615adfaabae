import { z } from 'zod';
import { safeText } from '@/lib/validation/strict';

/** `POST /api/v1/mpesa/payouts/:id/reject`: why a waiting payout or reversal is refused. */
export const rejectRequestSchema = z.object({ reason: safeText({ min: 2, max: 200, required: 'Say why it is rejected' }) });
