import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, agencyMpesaCredentials, auditLog, leases, properties, units, userInvites, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { loadAgencyMpesaConfig } from '@/lib/agency/agency-mpesa-config';
import { getAgencySettingsView, mpesaCredentialsSchema, updateAgencyCredentials } from '@/lib/agency/agency-settings';
import type { Caller } from '@/lib/auth/caller';
import { verifyPassword } from '@/lib/auth/password';
import { getEnv } from '@/lib/env';
import { activateLease } from '@/lib/leases/activate-lease';
import { createLease } from '@/lib/leases/create-lease';
import { endLease } from '@/lib/leases/end-lease';
import { addUnits, createProperty, editUnit } from '@/lib/properties/manage-properties';
import { createTenant } from '@/lib/tenants/manage-tenants';
import { tenantSchema } from '@/lib/tenants/tenant-input';
import { acceptInvite, createTenantInvite, hashInviteToken } from '@/lib/tenants/tenant-invites';
import { callersByEmail } from '../support/seeded-callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Agency administration on the demo data: per-agency Daraja config (sealed, masked, loaded), portfolio and lease
 * rules (one lease in force per unit, `let` follows leases), tenants (clear duplicate messages) and one-time invites.
 */

let t: TestDatabase;
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  t = await createTestDatabase({ prefix: 'haven_agency_admin' });
  await seedDemoData(t.db);
  Object.assign(callers, await callersByEmail(t.db));
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

describe('per-agency Daraja config', () => {
  it('the default agency falls back to the environment; the second loads its own sealed credentials', async () => {
    const demo = await loadAgencyMpesaConfig(t.db, { agencyId: callers['admin@example.com']!.agencyId });
    expect(demo).toMatchObject({ source: 'environment', shortcode: '174379', consumerKey: getEnv().mpesa.consumerKey, passkey: getEnv().mpesa.passkey });
    const umoja = await loadAgencyMpesaConfig(t.db, { agencyId: callers['admin@umoja.example.com']!.agencyId });
    expect(umoja).toMatchObject({ source: 'agency', shortcode: '174380', consumerKey: 'haven_second_consumer_key', consumerSecret: 'haven_second_consumer_secret', initiatorName: 'secondapi' });
    const [row] = await t.db.select().from(agencyMpesaCredentials).where(eq(agencyMpesaCredentials.agencyId, umoja.agencyId));
    expect(JSON.stringify(row)).not.toContain('haven_second_consumer');
  });

  it('another agency without credentials is refused, not given the environment’s', async () => {
    const [third] = await t.db.insert(agencies).values({ name: 'Third', paybillShortcode: '600333' }).returning();
    await expect(loadAgencyMpesaConfig(t.db, { agencyId: third!.id })).rejects.toThrow(/no M-Pesa credentials/);
  });

  it('admins store credentials write-only: masked when read, audited without values, a taken paybill refused', async () => {
    const admin = callers['admin@umoja.example.com']!;
    const input = mpesaCredentialsSchema.parse({ paybillShortcode: '174380', b2cShortcode: '', consumerSecret: 'rotated-secret-9876', initiatorName: 'api2' });
    await updateAgencyCredentials(t.db, { caller: admin, input });
    const view = await getAgencySettingsView(t.db, { caller: admin });
    expect(view.credentials.consumerSecret).toBe('••••9876');
    expect(JSON.stringify(view)).not.toContain('rotated-secret');
    expect((await loadAgencyMpesaConfig(t.db, { agencyId: admin.agencyId })).consumerSecret).toBe('rotated-secret-9876');
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'agency.mpesa_credentials_updated'));
    expect(JSON.stringify(audit!.details)).not.toContain('rotated-secret');
    await expect(updateAgencyCredentials(t.db, { caller: admin, input: { ...input, paybillShortcode: '174379' } })).rejects.toThrow(/Another agency/);
    await expect(getAgencySettingsView(t.db, { caller: callers['landlord@umoja.example.com']! })).rejects.toThrow(/Not found/);
  });
});

describe('portfolio and leases', () => {
  it('bulk-adds units, keeps one lease in force per unit, and `let` follows the lease', async () => {
    const admin = callers['admin@example.com']!;
    const property = await createProperty(t.db, { caller: admin, input: { name: 'Lavington Place', location: 'James Gichuru Rd', code: 'LP', commissionPercent: 800, landlordId: callers['landlord2@example.com']!.id } });
    await expect(createProperty(t.db, { caller: admin, input: { name: 'Other', location: 'X', code: 'lp'.toUpperCase(), commissionPercent: 0, landlordId: callers['landlord2@example.com']!.id } })).rejects.toThrow(/already uses the code LP/);
    const added = await addUnits(t.db, { caller: admin, propertyId: property.id, input: { labels: 'A1–A12', unitType: 'studio', rent: 1_500_000, deposit: 1_500_000 } });
    expect(added).toHaveLength(12);
    await expect(addUnits(t.db, { caller: admin, propertyId: property.id, input: { labels: 'A12-A13', unitType: 'studio', rent: 1_500_000, deposit: 0 } })).rejects.toThrow(/Already there: A12/);
    // Another agency's admin cannot add units to it.
    await expect(addUnits(t.db, { caller: callers['admin@umoja.example.com']!, propertyId: property.id, input: { labels: 'B1', unitType: 'studio', rent: 100_000, deposit: 0 } })).rejects.toThrow(/not found/);

    const a1 = added.find((u) => u.label === 'A1')!;
    const tenantA = await createTenant(t.db, { caller: admin, input: tenantSchema.parse({ name: 'Kamau One', phone: '0733 111 222', email: 'kamau.one@example.com', idNumber: '' }) });
    const tenantB = await createTenant(t.db, { caller: admin, input: tenantSchema.parse({ name: 'Kamau Two', phone: '0733 111 333', email: 'kamau.two@example.com', idNumber: '12345678' }) });
    const base = { unitId: a1.id, startDate: '2026-11-16', endDate: null, monthlyRent: 1_500_000, deposit: 1_500_000, dueDay: 5, billingDay: 1 };
    const first = await createLease(t.db, { caller: admin, input: { ...base, tenantId: tenantA.id } });
    const second = await createLease(t.db, { caller: admin, input: { ...base, tenantId: tenantB.id } });
    // New leases carry a check letter (lib/leases/account-reference.ts).
    expect(first).toMatchObject({ accountReference: 'LP-A1-E', accountKey: 'LPA1' });
    await activateLease(t.db, { caller: admin, leaseId: first.id, now: new Date('2026-11-20T08:00:00Z') });
    expect((await t.db.select().from(units).where(eq(units.id, a1.id)))[0]!.status).toBe('let');
    await expect(activateLease(t.db, { caller: admin, leaseId: second.id })).rejects.toThrow(/let: end its current lease/);
    await expect(editUnit(t.db, { caller: admin, unitId: a1.id, input: { unitType: 'studio', rent: 1_500_000, deposit: 0, status: 'vacant' } })).rejects.toThrow(/end its lease/);

    await endLease(t.db, { caller: admin, leaseId: first.id, endDate: '2026-11-30', reason: 'Moved', now: new Date('2026-12-01T08:00:00Z') });
    expect((await t.db.select().from(units).where(eq(units.id, a1.id)))[0]!.status).toBe('vacant');
    await activateLease(t.db, { caller: admin, leaseId: second.id, now: new Date('2026-12-01T09:00:00Z') });
    const live = await t.db.select().from(leases).where(eq(leases.unitId, a1.id));
    expect(live.map((l) => l.status).sort()).toEqual(['active', 'ended']);
    // A landlord who does not own it cannot see it.
    expect((await t.db.select().from(properties).where(eq(properties.id, property.id)))[0]!.landlordId).toBe(callers['landlord2@example.com']!.id);
    await expect(createLease(t.db, { caller: callers['landlord@example.com']!, input: { ...base, tenantId: tenantB.id } })).rejects.toThrow(/one of your properties/);
  });
});

describe('tenants and invites', () => {
  it('explains duplicate phones (agency) and emails (Haven) beside the field', async () => {
    const admin = callers['admin@example.com']!;
    await expect(createTenant(t.db, { caller: admin, input: tenantSchema.parse({ name: 'X', phone: '0712 345 678', email: 'new.one@example.com', idNumber: '' }) }))
      .rejects.toMatchObject({ details: { fields: [{ path: 'phone', message: 'Amina Wanjiru already has this phone number in your agency' }] } });
    await expect(createTenant(t.db, { caller: admin, input: tenantSchema.parse({ name: 'X', phone: '0733 999 888', email: 'tenant@umoja.example.com', idNumber: '' }) }))
      .rejects.toMatchObject({ details: { fields: [{ path: 'email', message: 'This email already belongs to a Haven account: use another one' }] } });
    // The same phone in another agency is fine.
    await createTenant(t.db, { caller: callers['admin@umoja.example.com']!, input: tenantSchema.parse({ name: 'Amina Elsewhere', phone: '0712 345 678', email: 'amina.elsewhere@example.com', idNumber: '' }) });
  });

  it('invites work once, store only a hash, expire, and a new one replaces the old', async () => {
    const admin = callers['admin@example.com']!;
    const tenant = await createTenant(t.db, { caller: admin, input: tenantSchema.parse({ name: 'Invitee', phone: '0744 555 666', email: 'invitee@example.com', idNumber: '' }) });
    const old = await createTenantInvite(t.db, { caller: admin, tenantId: tenant.id });
    const invite = await createTenantInvite(t.db, { caller: admin, tenantId: tenant.id });
    const token = invite.url.split('/invite/')[1]!;
    const stored = await t.db.select().from(userInvites).where(eq(userInvites.userId, tenant.id));
    expect(stored.map((s) => s.tokenHash)).toContain(hashInviteToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    await expect(acceptInvite(t.db, { token: old.url.split('/invite/')[1]!, password: 'long-password-1' })).rejects.toThrow(/replaced/);
    await expect(acceptInvite(t.db, { token, password: 'long-password-1', now: new Date(Date.now() + 8 * 86_400_000) })).rejects.toThrow(/expired/);
    expect(await acceptInvite(t.db, { token, password: 'long-password-1' })).toEqual({ email: 'invitee@example.com' });
    const [user] = await t.db.select().from(users).where(eq(users.id, tenant.id));
    expect(await verifyPassword(user!.passwordHash!, 'long-password-1')).toBe(true);
    await expect(acceptInvite(t.db, { token, password: 'another-password' })).rejects.toThrow(/already been used/);
    await expect(createTenantInvite(t.db, { caller: callers['landlord2@example.com']!, tenantId: tenant.id })).rejects.toThrow(/not found/);
  });
});
