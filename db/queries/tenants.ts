import { and, asc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Caller } from '@/lib/auth/caller';
import { afterCursor, decodeCursor, likePattern, toPage, type Page } from '@/lib/pagination/cursor';
import type { DbOrTx, Tx } from '../client';
import { userInvites, users } from '../schema';

/**
 * Tenants as staff see them: an admin, every tenant of the agency; a landlord, the tenants they added and those
 * with a lease on one of their properties; a tenant, nobody (their own profile comes from the session).
 */
export function tenantScope(caller: Caller): SQL {
  const agencyTenants = and(eq(users.agencyId, caller.agencyId), eq(users.role, 'tenant'))!;
  if (caller.role === 'admin') return agencyTenants;
  if (caller.role === 'landlord') {
    return and(agencyTenants, or(
      eq(users.createdBy, caller.id),
      sql`exists (select 1 from leases l join units u on u.id = l.unit_id join properties p on p.id = u.property_id where l.tenant_id = ${users.id} and p.landlord_id = ${caller.id})`,
    ))!;
  }
  return sql`false`;
}

const hasPassword = sql<boolean>`${users.passwordHash} is not null`;
const liveLeases = sql<number>`(select count(*) from leases l where l.tenant_id = ${users.id} and l.status in ('active', 'notice'))::int`.mapWith(Number);
const tenantColumns = { id: users.id, agencyId: users.agencyId, name: users.name, email: users.email, phone: users.phone, idNumber: users.idNumber, createdAt: users.createdAt, hasPassword, liveLeases };

export type TenantView = { id: string; agencyId: string; name: string; email: string; phone: string | null; idNumber: string | null; createdAt: Date; hasPassword: boolean; liveLeases: number };

export async function listTenantsPage(
  db: DbOrTx,
  { caller, search, after, limit = 25 }: { caller: Caller; search?: string; after?: string; limit?: number },
): Promise<Page<TenantView>> {
  const pattern = likePattern(search);
  const digits = search?.replace(/\D/g, '') ?? '';
  const rows = await db.select(tenantColumns).from(users)
    .where(and(
      tenantScope(caller),
      pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.idNumber, pattern), digits.length >= 3 ? ilike(users.phone, `%${digits.replace(/^0/, '')}%`) : undefined) : undefined,
      afterCursor(users.name, users.id, decodeCursor(after)),
    ))
    .orderBy(asc(users.name), asc(users.id)).limit(limit + 1);
  return toPage(rows, limit, (r) => [r.name, r.id]);
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function getTenantForCaller(db: DbOrTx, { caller, tenantId }: { caller: Caller; tenantId: string }): Promise<TenantView | null> {
  if (!isUuid(tenantId)) return null;
  const [row] = await db.select(tenantColumns).from(users).where(and(eq(users.id, tenantId), tenantScope(caller))).limit(1);
  return row ?? null;
}

/** Who already holds an email (anywhere) or a phone (in this agency), for clear duplicate messages. */
export async function findUserConflicts(db: DbOrTx, { agencyId, email, phone, exceptUserId }: { agencyId: string; email: string; phone: string | null; exceptUserId?: string }) {
  const notSelf = exceptUserId ? sql`${users.id} <> ${exceptUserId}` : undefined;
  const [byEmail] = await db.select({ id: users.id, name: users.name, agencyId: users.agencyId }).from(users).where(and(eq(users.email, email), notSelf)).limit(1);
  const [byPhone] = phone
    ? await db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.agencyId, agencyId), eq(users.phone, phone), notSelf)).limit(1)
    : [];
  return { byEmail: byEmail ?? null, byPhone: byPhone ?? null };
}

export async function insertUser(tx: Tx, row: typeof users.$inferInsert) {
  const [inserted] = await tx.insert(users).values(row).returning();
  return inserted!;
}

export async function updateUser(tx: Tx, { userId, set }: { userId: string; set: Partial<typeof users.$inferInsert> }) {
  const [row] = await tx.update(users).set({ ...set, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
  return row!;
}

export async function revokeOpenInvites(tx: Tx, { userId, at }: { userId: string; at: Date }) {
  await tx.update(userInvites).set({ revokedAt: at }).where(and(eq(userInvites.userId, userId), isNull(userInvites.usedAt), isNull(userInvites.revokedAt)));
}

export async function insertInvite(tx: Tx, row: typeof userInvites.$inferInsert) {
  const [inserted] = await tx.insert(userInvites).values(row).returning();
  return inserted!;
}

/** The invite a token's hash names, with its person, locked so it is used once. */
export async function lockInviteByHash(tx: Tx, { tokenHash }: { tokenHash: string }) {
  const [row] = await tx.select({ invite: userInvites, userName: users.name, userEmail: users.email })
    .from(userInvites).innerJoin(users, eq(users.id, userInvites.userId))
    .where(eq(userInvites.tokenHash, tokenHash)).for('update', { of: userInvites }).limit(1);
  return row ?? null;
}

export async function getInviteByHash(db: DbOrTx, { tokenHash }: { tokenHash: string }) {
  const [row] = await db.select({ invite: userInvites, userName: users.name, userEmail: users.email })
    .from(userInvites).innerJoin(users, eq(users.id, userInvites.userId)).where(eq(userInvites.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

export async function markInviteUsed(tx: Tx, { inviteId, at }: { inviteId: string; at: Date }) {
  await tx.update(userInvites).set({ usedAt: at }).where(eq(userInvites.id, inviteId));
}

export async function getLatestInvite(db: DbOrTx, { userId }: { userId: string }) {
  const [row] = await db.select().from(userInvites).where(eq(userInvites.userId, userId)).orderBy(sql`${userInvites.createdAt} desc`).limit(1);
  return row ?? null;
}
