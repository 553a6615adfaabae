import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { agencies, agencyMessagingSettings } from '../schema';

export type MessagingSettingsRow = typeof agencyMessagingSettings.$inferSelect;

export const DEFAULT_REMINDER_OFFSETS = [-3, 0, 3, 10];

export async function getAgencyName(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<string> {
  const [row] = await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, agencyId)).limit(1);
  return row?.name ?? 'Haven';
}

export async function getMessagingSettings(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<MessagingSettingsRow | null> {
  const [row] = await db.select().from(agencyMessagingSettings).where(eq(agencyMessagingSettings.agencyId, agencyId)).limit(1);
  return row ?? null;
}

/** Every agency with its reminder schedule (the default for agencies that never changed it). */
export async function listReminderSchedules(db: DbOrTx): Promise<{ agencyId: string; enabled: boolean; offsets: number[] }[]> {
  const rows = await db
    .select({ agencyId: agencies.id, enabled: agencyMessagingSettings.remindersEnabled, offsets: agencyMessagingSettings.reminderOffsets })
    .from(agencies)
    .leftJoin(agencyMessagingSettings, eq(agencyMessagingSettings.agencyId, agencies.id));
  return rows.map((r) => ({ agencyId: r.agencyId, enabled: r.enabled ?? true, offsets: r.offsets ?? DEFAULT_REMINDER_OFFSETS }));
}

export async function saveMessagingSettings(
  db: DbOrTx,
  { agencyId, set }: { agencyId: string; set: Omit<Partial<typeof agencyMessagingSettings.$inferInsert>, 'agencyId'> },
): Promise<void> {
  await db.insert(agencyMessagingSettings).values({ agencyId, ...set }).onConflictDoUpdate({ target: agencyMessagingSettings.agencyId, set });
}
