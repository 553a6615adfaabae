import { z } from 'zod';

/**
 * Haven's one error shape, `{ "error": { "code", "message", "details"? } }`: written by lib/api/respond.ts on the
 * server and read by lib/client/fetcher.ts in the browser. No server-only imports, so both bundles share it.
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The per-field messages a zod failure carries in `details.fields` (invalid_request). */
export const fieldIssuesSchema = z.object({ fields: z.array(z.object({ path: z.string(), message: z.string() })) });
export type FieldIssue = z.infer<typeof fieldIssuesSchema>['fields'][number];
