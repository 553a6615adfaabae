import { z } from 'zod';

/** What POST /api/v1/tenants/{id}/invite answers: the one-time link to copy and when it stops working. Client-safe. */
export const inviteLinkSchema = z.object({ url: z.string(), expiresAt: z.string() });
export type InviteLinkAnswer = z.infer<typeof inviteLinkSchema>;
