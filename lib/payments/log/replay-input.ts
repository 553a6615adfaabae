import { z } from 'zod';

/**
 * POST /api/v1/mpesa/callbacks/{id}/replay: no fields (a JSON `{}`: the request policy wants every POST as JSON),
 * and what it answers. Client-safe: the replay button parses the answer with the same schema.
 */
export const replayCallbackSchema = z.object({}).strict();

export const replayCallbackResultSchema = z.object({
  id: z.string(),
  /** How processing ended this time (`applied`, `waiting`, `error`…), or null when a sweep took it first. */
  outcome: z.string().nullable(),
});
export type ReplayCallbackResult = z.infer<typeof replayCallbackResultSchema>;
