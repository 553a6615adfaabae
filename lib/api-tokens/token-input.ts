import { z } from 'zod';
import { safeText, strictInteger } from '@/lib/validation/strict';
import { API_SCOPES } from './token-scopes';

export const TOKEN_MAX_DAYS = 365;

/** `POST /api/v1/tokens`: a name, at least one scope and a lifetime in days (at most a year: tokens must end). */
export const createTokenSchema = z.object({
  name: safeText({ min: 1, max: 60, required: 'Name the token after what will use it, e.g. "Accounting export"' }),
  scopes: z
    .array(z.enum(API_SCOPES, { error: `Scopes are ${API_SCOPES.join(', ')}` }), { error: 'Choose at least one scope' })
    .min(1, 'Choose at least one scope')
    .max(API_SCOPES.length)
    .transform((scopes) => [...new Set(scopes)]),
  expiresInDays: strictInteger({ min: 1, max: TOKEN_MAX_DAYS, required: 'Say after how many days the token stops working', tooLarge: `A token lasts at most ${TOKEN_MAX_DAYS} days` })
    .optional()
    .default(90),
});

export type CreateTokenInput = z.output<typeof createTokenSchema>;
