import { z } from 'zod';
import { API_SCOPES } from '@/lib/api-tokens/token-scopes';

/**
 * Response shapes for the OpenAPI document. Requests are described by the very schemas the routes parse; these
 * describe what the documented calls answer (the write-up's fields first), and are checked against real answers
 * by tests/api/bearer-api.spec.ts.
 */

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string().describe('Stable (docs/api.md lists them): unauthenticated, forbidden, not_found, unknown_account_reference, invalid_request, conflict, idempotency_key_reused, payload_too_large, unsupported_media_type, rate_limited, payment_provider_error, payment_provider_busy, internal'),
    message: z.string().describe('For people: safe to show as it is'),
    details: z.unknown().optional(),
  }),
});

const stkState = z.enum(['PENDING', 'SUCCESS', 'FAILED', 'CANCELLED', 'TIMEOUT']);

export const stkStatusDetailedSchema = z.object({
  id: z.string(),
  checkoutRequestId: z.string().nullable(),
  status: stkState,
  userMessage: z.string().describe('What to tell the payer, e.g. "Payment received. Thank you!"'),
  action: z.string(),
  statusIcon: z.enum(['check', 'cross', 'cancel', 'clock', 'hourglass', 'warning']),
  mpesaReceiptNumber: z.string().nullable(),
  resultCode: z.string().nullable(),
  resultDescription: z.string().nullable(),
  amount: z.number().int().describe('Whole KES'),
  phoneNumber: z.string(),
  accountReference: z.string(),
  leaseId: z.string(),
  paymentId: z.string().nullable(),
  unknownOutcome: z.boolean(),
  needsReview: z.boolean(),
});

export const stkStatusSchema = stkStatusDetailedSchema.pick({
  id: true, checkoutRequestId: true, status: true, mpesaReceiptNumber: true, resultCode: true, resultDescription: true, amount: true, paymentId: true, needsReview: true, unknownOutcome: true,
});

export const stkPushResponseSchema = z.object({
  id: z.string(),
  checkoutRequestId: z.string().nullable(),
  merchantRequestId: z.string().nullable(),
  reused: z.boolean(),
  unknownOutcome: z.boolean(),
  customerMessage: z.string(),
  status: stkStatusDetailedSchema,
});

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(API_SCOPES)),
  status: z.enum(['active', 'expired', 'revoked']),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const createdTokenSchema = z.object({ token: apiTokenSchema, secret: z.string().describe('hvn_…: shown this once only') });
