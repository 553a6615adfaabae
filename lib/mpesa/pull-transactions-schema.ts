import { z } from 'zod';
import { codeSchema, idSchema } from './callbacks/parse-helpers';

/**
 * zod schemas for Pull Transactions answers (SPEC §9.5). Its rows use lower/camel-case keys unlike the rest of
 * Daraja; the register answer's status keys come with and without a space; the query's `Response` is an array of
 * arrays (a flat list is accepted too). Extra fields are kept.
 */

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

export const pullRegisterResponseSchema = z
  .looseObject({
    ResponseRefID: idSchema.optional(),
    ShortCode: text.optional(),
    ResponseStatus: codeSchema.optional(),
    'Response Status': codeSchema.optional(),
    ResponseDescription: z.string().optional(),
    'Response Description': z.string().optional(),
  })
  .refine((r) => r.ResponseStatus !== undefined || r['Response Status'] !== undefined, { message: 'no ResponseStatus' })
  .transform((r) => ({
    responseRefId: r.ResponseRefID ?? null,
    shortcode: r.ShortCode ?? null,
    status: (r.ResponseStatus ?? r['Response Status'])!,
    description: r.ResponseDescription ?? r['Response Description'] ?? '',
  }));

export type PullRegisterResponse = z.output<typeof pullRegisterResponseSchema>;

/** The query answer, for HTTP 200 (success, 1001) and the HTTP 500 "Failed to retrieve transactions" envelope. */
export const pullQueryResponseSchema = z.looseObject({
  ResponseRefID: idSchema.optional(),
  // The sandbox may send RequestID instead (single source), and the HTTP 500 envelope does.
  RequestID: idSchema.optional(),
  ResponseCode: codeSchema,
  ResponseMessage: z.string().optional().default(''),
  Response: z.array(z.unknown()).nullable().optional(),
  TotalPages: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().int().min(0)).optional(),
});

export type PullQueryResponse = z.output<typeof pullQueryResponseSchema>;

export const pullRowSchema = z.looseObject({
  transactionId: idSchema.pipe(z.string().min(1)),
  trxDate: z.string(),
  // A JSON number in every capture (`2547XXXXXXXX`); whether it is masked is unresolved, so strings pass too.
  msisdn: text.nullable().optional(),
  sender: z.string().nullable().optional(),
  transactiontype: z.string().optional().default(''),
  billreference: text.nullable().optional(),
  // A string with varying decimals (`"168.00"`, `"2697.0"`).
  amount: z.union([z.string(), z.number()]),
  organizationname: z.string().nullable().optional(),
});

export type PullRow = z.output<typeof pullRowSchema>;
