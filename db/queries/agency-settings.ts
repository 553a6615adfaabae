import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { agencies, agencyMpesaCredentials } from '../schema';

/** An agency's settings and sealed credentials. Callers check the caller is that agency's admin. */

export type AgencyRow = typeof agencies.$inferSelect;
export type AgencyCredentialsRow = typeof agencyMpesaCredentials.$inferSelect;

export async function getAgency(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<AgencyRow | null> {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, agencyId)).limit(1);
  return row ?? null;
}

/**
 * The default agency, whose Daraja values are the environment's: the one on the environment's paybill, else the
 * first created (agencies seeded in one transaction share a creation time, so the paybill decides).
 */
export async function getDefaultAgencyId(db: DbOrTx, { envShortcode }: { envShortcode: string }): Promise<string | null> {
  const [row] = await db.select({ id: agencies.id }).from(agencies)
    .orderBy(sql`case when ${agencies.paybillShortcode} = ${envShortcode} then 0 else 1 end`, asc(agencies.createdAt), asc(agencies.id)).limit(1);
  return row?.id ?? null;
}

export async function getAgencyCredentials(db: DbOrTx, { agencyId }: { agencyId: string }): Promise<AgencyCredentialsRow | null> {
  const [row] = await db.select().from(agencyMpesaCredentials).where(eq(agencyMpesaCredentials.agencyId, agencyId)).limit(1);
  return row ?? null;
}

export async function updateAgency(db: DbOrTx, { agencyId, set }: { agencyId: string; set: Partial<Omit<AgencyRow, 'id' | 'createdAt'>> }) {
  const [row] = await db.update(agencies).set({ ...set, updatedAt: new Date() }).where(eq(agencies.id, agencyId)).returning();
  return row ?? null;
}

export async function upsertAgencyCredentials(db: DbOrTx, row: typeof agencyMpesaCredentials.$inferInsert): Promise<void> {
  await db.insert(agencyMpesaCredentials).values(row).onConflictDoUpdate({ target: agencyMpesaCredentials.agencyId, set: { ...row, updatedAt: new Date() } });
}

/** Every agency with its paybill: sweeps that read Haven's own books per paybill (no Daraja call). */
export async function listAgencyPaybills(db: DbOrTx): Promise<{ agencyId: string; shortcode: string }[]> {
  return db.select({ agencyId: agencies.id, shortcode: agencies.paybillShortcode }).from(agencies).orderBy(asc(agencies.createdAt), asc(agencies.id));
}
