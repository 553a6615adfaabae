import { z } from 'zod';
import { codeSchema, idSchema } from './callbacks/parse-helpers';

/** zod schemas for Daraja's synchronous answers (SPEC §1.2, §2, §3.2, §4, §5.2, §9). Extra fields are kept. */

export const errorEnvelopeSchema = z.looseObject({
  requestId: idSchema.optional(),
  errorCode: idSchema,
  errorMessage: z.string().optional().default(''),
});

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  // A string ("3599") on the wire, a number in the 2025 portal sample (SPEC §2).
  expires_in: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().int().positive()),
});

export const stkPushAckSchema = z.looseObject({
  MerchantRequestID: idSchema,
  CheckoutRequestID: idSchema,
  ResponseCode: codeSchema,
  ResponseDescription: z.string().optional().default(''),
  CustomerMessage: z.string().optional().default(''),
});

export const stkQueryResponseSchema = z.looseObject({
  ResponseCode: codeSchema.optional(),
  ResponseDescription: z.string().optional(),
  MerchantRequestID: idSchema.optional(),
  CheckoutRequestID: idSchema.optional(),
  ResultCode: codeSchema,
  ResultDesc: z.string().optional().default(''),
});

export const initiatorAckSchema = z.looseObject({
  ConversationID: idSchema,
  OriginatorConversationID: idSchema,
  ResponseCode: codeSchema,
  ResponseDescription: z.string().optional().default(''),
});

// C2B register/simulate misspell the key as `OriginatorCoversationID` (SPEC §1.3); the 2017 docs spelled it right.
export const c2bAckSchema = z
  .looseObject({
    OriginatorCoversationID: idSchema.optional(),
    OriginatorConversationID: idSchema.optional(),
    ConversationID: idSchema.optional(),
    ResponseCode: codeSchema,
    ResponseDescription: z.string().optional().default(''),
  })
  .transform((a) => ({
    originatorConversationId: a.OriginatorCoversationID ?? a.OriginatorConversationID ?? null,
    conversationId: a.ConversationID ?? null,
    responseCode: a.ResponseCode,
    responseDescription: a.ResponseDescription,
  }));

export type ErrorEnvelope = z.output<typeof errorEnvelopeSchema>;
