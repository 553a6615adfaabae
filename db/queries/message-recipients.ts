import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { leases, messagingPreferences, users } from '../schema';

/** People messages go to, with the channels they chose (no choice yet = both). */

const recipientColumns = {
  id: users.id,
  agencyId: users.agencyId,
  role: users.role,
  name: users.name,
  phone: users.phone,
  email: users.email,
  wantsSms: messagingPreferences.sms,
  wantsEmail: messagingPreferences.email,
};

function recipients(db: DbOrTx) {
  return db.select(recipientColumns).from(users).leftJoin(messagingPreferences, eq(messagingPreferences.userId, users.id));
}

export type RecipientUser = Awaited<ReturnType<typeof getRecipientUser>> & {};

export async function getRecipientUser(db: DbOrTx, { userId }: { userId: string }) {
  const [row] = await recipients(db).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

export async function getLeaseTenantRecipient(db: DbOrTx, { leaseId }: { leaseId: string }) {
  const [row] = await recipients(db).innerJoin(leases, eq(leases.tenantId, users.id)).where(eq(leases.id, leaseId)).limit(1);
  return row ?? null;
}

export async function listAgencyAdmins(db: DbOrTx, { agencyId }: { agencyId: string }) {
  return recipients(db).where(and(eq(users.agencyId, agencyId), eq(users.role, 'admin')));
}

export async function getPreferences(db: DbOrTx, { userId }: { userId: string }): Promise<{ sms: boolean; email: boolean }> {
  const [row] = await db.select().from(messagingPreferences).where(eq(messagingPreferences.userId, userId)).limit(1);
  return row ? { sms: row.sms, email: row.email } : { sms: true, email: true };
}

export async function savePreferences(db: DbOrTx, { userId, sms, email, now }: { userId: string; sms: boolean; email: boolean; now: Date }): Promise<void> {
  await db.insert(messagingPreferences).values({ userId, sms, email, updatedAt: now })
    .onConflictDoUpdate({ target: messagingPreferences.userId, set: { sms, email, updatedAt: now } });
}
