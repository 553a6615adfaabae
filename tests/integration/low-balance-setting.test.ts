import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, auditLog } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { agencySettingsSchema, updateAgencySettings } from '@/lib/agency/agency-settings';
import type { Caller } from '@/lib/auth/caller';
import { callerByEmail } from '../support/mpesa-world';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The low-balance threshold is an agency setting of its own, saved through the settings service and audited. */

let db: TestDatabase;
let admin: Caller;
const form = {
  name: 'Haven Demo Lettings', payoutApprovalThreshold: '10000', lateFeeKind: 'none', lateFeeFixed: '0', lateFeePercent: '0', lateFeeAfterDays: '5',
  defaultBillingDay: '1', defaultDueDay: '5', defaultCommissionPercent: '10',
};
const stored = async () => (await db.db.select().from(agencies).where(eq(agencies.id, admin.agencyId)))[0]!;

beforeAll(async () => {
  db = await createTestDatabase({ prefix: 'haven_low_balance' });
  await seedDemoData(db.db);
  admin = await callerByEmail(db.db, 'admin@example.com');
}, 60_000);
afterAll(() => db?.drop());

describe('low-balance threshold setting', () => {
  it('starts as the approval threshold, is saved on its own, kept when a client leaves it out, and audited', async () => {
    const agency = await stored();
    expect(agency.lowBalanceThresholdCents).toBe(agency.payoutApprovalThresholdCents);

    await updateAgencySettings(db.db, { caller: admin, input: agencySettingsSchema.parse({ ...form, lowBalanceThreshold: '25,000' }) });
    expect((await stored()).lowBalanceThresholdCents).toBe(2_500_000);
    expect((await stored()).payoutApprovalThresholdCents).toBe(1_000_000);
    const [audit] = await db.db.select().from(auditLog).where(and(eq(auditLog.action, 'agency.settings_updated'), eq(auditLog.targetId, admin.agencyId))).orderBy(desc(auditLog.createdAt)).limit(1);
    expect(audit!.details).toMatchObject({ before: { lowBalanceThresholdCents: 1_000_000 }, after: { lowBalanceThreshold: 2_500_000 } });

    // An API client written before the setting existed keeps the stored threshold.
    await updateAgencySettings(db.db, { caller: admin, input: agencySettingsSchema.parse(form) });
    expect((await stored()).lowBalanceThresholdCents).toBe(2_500_000);
  });

  it('refuses what is not an amount, with a clear message', () => {
    const result = agencySettingsSchema.safeParse({ ...form, lowBalanceThreshold: 'lots' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ['lowBalanceThreshold'], message: expect.stringContaining('the low-balance threshold') });
  });
});
