import { z } from 'zod';
import { idSchema, safeMultilineText } from '@/lib/validation/strict';

/**
 * What an admin sends to act on a queued payment (shared by the form and `POST /api/v1/unmatched/[id]/actions`).
 * Every action carries a reason: it goes to the audit log and the item's history.
 */

const reason = safeMultilineText({ min: 3, max: 300, required: 'Say why (at least 3 characters): it goes in the audit log', tooLong: 'Keep the reason to 300 characters' });

export const unplacedActionSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('place'), leaseId: idSchema('Choose the lease to place it on'), reason }).strict(),
    z.object({ action: z.literal('refund'), reason }).strict(),
    z.object({ action: z.literal('not_ours'), reason }).strict(),
    z.object({ action: z.literal('keep'), reason }).strict(),
    z.object({ action: z.literal('merge'), paymentId: idSchema('Choose the payment that is the same money as this receipt'), reason }).strict(),
    z.object({ action: z.literal('undo'), reason }).strict(),
  ],
  { error: 'Choose what to do: place, refund, not ours, keep, merge or undo' },
);

export type UnplacedActionInput = z.output<typeof unplacedActionSchema>;
