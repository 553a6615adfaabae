import { agencies, properties, units, users } from '@/db/schema';
import type { Db } from '@/db/client';
import type { Caller } from '@/lib/auth/caller';

/** A bare agency (no demo data) with an admin and a landlord, for tests that build their own portfolio. */
export async function createAgencyFixture(db: Db, { paybill, name = 'Test Agency', lateFee }: { paybill: string; name?: string; lateFee?: { fixedCents: number; afterDays: number } }) {
  const [agency] = await db.insert(agencies).values({
    name, paybillShortcode: paybill,
    ...(lateFee ? { lateFeeKind: 'fixed' as const, lateFeeFixedCents: lateFee.fixedCents, lateFeeAfterDays: lateFee.afterDays } : {}),
  }).returning();
  const person = async (role: 'admin' | 'landlord', n: string): Promise<Caller> => {
    const [u] = await db.insert(users).values({ agencyId: agency!.id, role, name: n, email: `${n.toLowerCase().replace(/\W/g, '')}.${paybill}@example.com`, passwordHash: null }).returning();
    return { id: u!.id, agencyId: u!.agencyId, role, name: u!.name, email: u!.email, phone: null };
  };
  const admin = await person('admin', `Admin ${paybill}`);
  const landlord = await person('landlord', `Landlord ${paybill}`);
  return { agency: agency!, admin, landlord };
}

export async function createPropertyFixture(db: Db, { agencyId, landlordId, code, unitCount, rentCents }: { agencyId: string; landlordId: string; code: string; unitCount: number; rentCents: number }) {
  const [property] = await db.insert(properties).values({ agencyId, landlordId, name: `Property ${code}`, location: 'Nairobi', code }).returning();
  const rows = await db.insert(units).values(Array.from({ length: unitCount }, (_, i) => ({
    agencyId, propertyId: property!.id, label: String(i + 1), marketRentCents: rentCents, depositCents: rentCents,
  }))).returning();
  return { property: property!, units: rows };
}

export async function createTenantFixture(db: Db, { agencyId, n, phone }: { agencyId: string; n: string; phone?: string }) {
  const [u] = await db.insert(users).values({ agencyId, role: 'tenant', name: `Tenant ${n}`, email: `tenant.${n}.${agencyId.slice(0, 8)}@example.com`, phone: phone ?? null, passwordHash: null }).returning();
  return u!;
}
