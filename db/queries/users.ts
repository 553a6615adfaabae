import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { users } from '../schema';

export async function getUserByEmail(db: DbOrTx, { email }: { email: string }) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return user ?? null;
}

export async function getUserById(db: DbOrTx, { userId }: { userId: string }) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return user ?? null;
}

/**
 * Ends every session of a user. With `ifVersion`, only if the sessions are still at that version, so that a
 * token that was already revoked cannot sign its owner out again.
 */
export async function bumpSessionVersion(db: DbOrTx, { userId, ifVersion }: { userId: string; ifVersion?: number }): Promise<boolean> {
  const condition = ifVersion === undefined ? eq(users.id, userId) : and(eq(users.id, userId), eq(users.sessionVersion, ifVersion));
  const rows = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(condition)
    .returning({ id: users.id });
  return rows.length > 0;
}

/** A new password ends every existing session (the caller signs the current device in again). */
export async function setPasswordHash(db: DbOrTx, { userId, passwordHash }: { userId: string; passwordHash: string }): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, passwordChangedAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/** The people of one agency, for its admins' session controls. */
export async function listAgencyUsers(db: DbOrTx, { agencyId }: { agencyId: string }) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, passwordChangedAt: users.passwordChangedAt })
    .from(users)
    .where(eq(users.agencyId, agencyId))
    .orderBy(asc(users.role), asc(users.name));
}

/** A user of the given agency, or null (another agency's user looks the same as no user). */
export async function getAgencyUser(db: DbOrTx, { agencyId, userId }: { agencyId: string; userId: string }) {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.agencyId, agencyId), eq(users.id, userId)))
    .limit(1);
  return user ?? null;
}
