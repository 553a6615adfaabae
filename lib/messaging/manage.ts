import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { savePreferences } from '@/db/queries/message-recipients';
import { requeueMessage } from '@/db/queries/messages';
import { saveMessagingSettings } from '@/db/queries/messaging-settings';
import type { Caller } from '@/lib/auth/caller';
import { atApiKeyContext, sealAppSecret } from '@/lib/crypto/app-secrets';
import { AppError } from '@/lib/errors';

/** What people change about messaging: their own channels; an admin's "send again" and the agency's settings. */

export const preferencesSchema = z
  .object({ sms: z.boolean(), email: z.boolean() })
  .refine((p) => p.sms || p.email, { message: 'Choose at least one: receipts and reminders must reach you somehow', path: ['sms'] });

export async function updatePreferences(db: Db, { caller, input }: { caller: Caller; input: z.infer<typeof preferencesSchema> }): Promise<void> {
  if (input.sms && !caller.phone) throw new AppError('invalid_request', 'There is no phone number on your account for SMS', { details: { fields: [{ path: 'sms', message: 'No phone number on your account: ask your agency to add it' }] } });
  await db.transaction(async (tx) => {
    await savePreferences(tx, { userId: caller.id, sms: input.sms, email: input.email, now: new Date() });
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'messaging.preferences', targetType: 'user', targetId: caller.id, details: input });
  });
}

/**
 * Sends a failed or unconfirmed message again: a person's decision, because an unconfirmed one may already have
 * arrived (the providers cannot say). Same row, a new round of attempts.
 */
export async function resendMessage(db: Db, { caller, messageId }: { caller: Caller; messageId: string }): Promise<void> {
  if (caller.role !== 'admin') throw new AppError('not_found', 'Not found');
  if (!z.uuid().safeParse(messageId).success) throw new AppError('not_found', 'That message was not found');
  await db.transaction(async (tx) => {
    const row = await requeueMessage(tx, { id: messageId, agencyId: caller.agencyId, now: new Date() });
    if (!row) throw new AppError('conflict', 'Only a failed or unconfirmed message can be sent again');
    await recordAudit(tx, { actor: caller, agencyId: caller.agencyId, action: 'message.resend', targetType: 'message', targetId: row.id, details: { kind: row.kind, channel: row.channel } });
  });
}

const offsetsSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return [];
    const parts = v.split(/[\s,]+/).filter(Boolean);
    const numbers = parts.map(Number);
    if (numbers.some((n) => !Number.isInteger(n) || n < -15 || n > 60)) {
      ctx.addIssue({ code: 'custom', message: 'Whole days from -15 (before the due day) to 60 (after), separated by commas' });
      return z.NEVER;
    }
    return [...new Set(numbers)].sort((a, b) => a - b);
  })
  .refine((list) => list.length <= 8, 'At most 8 reminders per month');

export const messagingSettingsSchema = z.object({
  atUsername: z.string().trim().max(100).regex(/^[A-Za-z0-9_.-]*$/, 'Letters, digits, dots, dashes and underscores only'),
  atApiKey: z.string().trim().max(200),
  atSenderId: z.string().trim().max(11, 'Sender ids are at most 11 characters').regex(/^[A-Za-z0-9 ]*$/, 'Letters, digits and spaces only'),
  remindersEnabled: z.boolean(),
  reminderOffsets: offsetsSchema,
});

/** An agency's SMS account and reminder schedule. A blank API key keeps the stored one; the key is stored sealed. */
export async function updateMessagingSettings(db: Db, { caller, input }: { caller: Caller; input: z.infer<typeof messagingSettingsSchema> }): Promise<void> {
  if (caller.role !== 'admin') throw new AppError('not_found', 'Not found');
  await db.transaction(async (tx) => {
    await saveMessagingSettings(tx, {
      agencyId: caller.agencyId,
      set: {
        atUsername: input.atUsername || null,
        ...(input.atApiKey ? { atApiKeySealed: sealAppSecret(input.atApiKey, atApiKeyContext(caller.agencyId)) } : input.atUsername ? {} : { atApiKeySealed: null }),
        atSenderId: input.atSenderId || null,
        remindersEnabled: input.remindersEnabled,
        reminderOffsets: input.reminderOffsets,
        updatedBy: caller.id,
        updatedAt: new Date(),
      },
    });
    await recordAudit(tx, {
      actor: caller, agencyId: caller.agencyId, action: 'messaging.settings', targetType: 'agency', targetId: caller.agencyId,
      // Never the key itself: only that it changed.
      details: { atUsername: input.atUsername || null, atApiKeyChanged: input.atApiKey !== '', atSenderId: input.atSenderId || null, remindersEnabled: input.remindersEnabled, reminderOffsets: input.reminderOffsets },
    });
  });
}
