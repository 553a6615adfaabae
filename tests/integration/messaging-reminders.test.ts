import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reallocateLease, recordPayment } from '@/db/queries/ledger';
import { agencies, charges, leases, messages, properties, units, users } from '@/db/schema';
import type { Transports } from '@/lib/messaging/channels/types';
import { measureSms } from '@/lib/messaging/gsm7';
import { addDays, nairobiHour } from '@/lib/messaging/quiet-hours';
import { planRentReminders } from '@/lib/messaging/reminders';
import { runOutboxOnce } from '@/lib/messaging/worker';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Rent reminders over three months with a moving clock: 30 leases with different due days, some paying in full
 * early, some in parts, some late, some in credit all along. The planner (the sweep task) and the outbox worker run
 * on every tick, day and night. What must come out is computed here from a plain model of the schedule and of
 * oldest-first allocation, and compared with what was sent. The clock moves three hours a tick (00:37, 03:37…),
 * so night ticks (21:37 to 06:37) are many and every step's morning send comes after one.
 */

const OFFSETS = [-3, 0, 3, 10];
const START = Date.parse('2026-01-01T00:00:00+03:00');
const END = Date.parse('2026-04-01T00:00:00+03:00');
const HOUR = 3600_000;
const RENT = 20_000_00;
const periods = ['2026-01', '2026-02', '2026-03'];

type Style = 'early' | 'parts' | 'late' | 'credit';
interface PlanLease { id: string; agencyId: string; dueDay: number; style: Style; payments: { at: number; cents: number }[] }

/** Noon Nairobi on `date` (payments happen then, never between the planner's night pass and the 07:00 send). */
const noon = (date: string) => Date.parse(`${date}T12:00:00+03:00`);

function paymentsFor(style: Style, dueDay: number): { at: number; cents: number }[] {
  const out: { at: number; cents: number }[] = [];
  for (const p of periods) {
    const due = `${p}-${String(dueDay).padStart(2, '0')}`;
    if (style === 'early') out.push({ at: noon(addDays(due, -5)), cents: RENT });
    if (style === 'parts') out.push({ at: noon(due), cents: RENT / 2 }, { at: noon(addDays(due, 5)), cents: RENT / 2 });
    if (style === 'late' && p !== '2026-01') out.push({ at: noon(addDays(due, 1)), cents: RENT + (p === '2026-02' ? RENT : 0) });
  }
  if (style === 'credit') out.push({ at: START + 2 * HOUR, cents: RENT * 4 });
  return out;
}

describe('rent reminders with a moving clock', () => {
  let db: TestDatabase;
  const plan: PlanLease[] = [];
  const chargeIds = new Map<string, { leaseId: string; dueDate: string }>();
  const sentAt: { kind: string; eventKey: string; at: number; text: string }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'haven_remind' });
    const [agency] = await db.db.insert(agencies).values({ name: 'Moving Clock Lettings', paybillShortcode: '174379' }).returning();
    const [landlord] = await db.db.insert(users).values({ agencyId: agency!.id, role: 'landlord', name: 'Owner', email: 'owner@clock.test', passwordHash: 'x' }).returning();
    const [property] = await db.db.insert(properties).values({ agencyId: agency!.id, landlordId: landlord!.id, name: 'Clock Court', code: 'CC', location: 'Nairobi' }).returning();
    const styles: Style[] = ['early', 'parts', 'late', 'credit'];
    for (let i = 0; i < 30; i++) {
      const [unit] = await db.db.insert(units).values({ agencyId: agency!.id, propertyId: property!.id, label: `U${i + 1}`, marketRentCents: RENT }).returning();
      const [tenant] = await db.db.insert(users).values({
        agencyId: agency!.id, role: 'tenant', name: `Tenant ${i + 1}`, email: `t${i + 1}@clock.test`, phone: `2547${String(10_000_000 + i).slice(0, 8)}`, passwordHash: 'x',
      }).returning();
      const dueDay = 4 + (i % 25);
      const style = styles[i % 4]!;
      const [lease] = await db.db.insert(leases).values({
        agencyId: agency!.id, unitId: unit!.id, tenantId: tenant!.id, monthlyRentCents: RENT, depositCents: 0, dueDay, startDate: '2026-01-01', status: 'active', accountReference: `CC-${i + 1}`, accountKey: `CC${i + 1}`,
      }).returning();
      plan.push({ id: lease!.id, agencyId: agency!.id, dueDay, style, payments: paymentsFor(style, dueDay) });
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('sends each step once, only while owed, never at night, in one SMS', { timeout: 240_000 }, async () => {
    const transports: Transports = {
      sendSms: async () => ({ kind: 'sent', providerMessageId: null, providerStatus: null }),
      sendEmail: async () => ({ kind: 'sent', providerMessageId: null, providerStatus: null }),
    };
    const pending = plan.flatMap((l) => l.payments.map((p) => ({ ...p, leaseId: l.id }))).sort((a, b) => a.at - b.at);
    for (let t = START + 37 * 60_000; t < END; t += 3 * HOUR) {
      const now = new Date(t);
      // Billing (the agency's sweep, stood in for): each month's rent is charged on the 1st at midnight.
      const local = new Date(t + 3 * HOUR);
      if (local.getUTCDate() === 1 && local.getUTCHours() === 0) {
        const period = local.toISOString().slice(0, 7);
        for (const l of plan) {
          const dueDate = `${period}-${String(l.dueDay).padStart(2, '0')}`;
          await db.db.transaction(async (tx) => {
            const [c] = await tx.insert(charges).values({ agencyId: l.agencyId, leaseId: l.id, kind: 'rent', period, description: `Rent ${period}`, amountCents: RENT, dueDate, createdAt: now }).returning();
            chargeIds.set(c!.id, { leaseId: l.id, dueDate });
            await reallocateLease(tx, { leaseId: l.id });
          });
        }
      }
      while (pending[0] && pending[0].at <= t) {
        const p = pending.shift()!;
        await db.db.transaction((tx) => recordPayment(tx, { agencyId: plan[0]!.agencyId, leaseId: p.leaseId, amountCents: p.cents, method: 'cash', paidAt: new Date(p.at), createdAt: new Date(p.at) }));
      }
      await planRentReminders(db.db, { now });
      await runOutboxOnce(db.db, { transports, now: () => now });
    }
    // The worker stamps sentAt with its (moving) clock.
    for (const m of await db.db.select().from(messages).where(eq(messages.status, 'sent'))) {
      sentAt.push({ kind: m.kind, eventKey: m.eventKey, at: m.sentAt!.getTime(), text: m.channel === 'sms' ? m.body! : '' });
    }

    // The model: a step is owed when its charge still has money owing at 07:00 on the step's date, allocating every
    // payment made by then to the charges raised by then, oldest due date first.
    const expected = new Set<string>();
    for (const [chargeId, { leaseId, dueDate }] of chargeIds) {
      const lease = plan.find((l) => l.id === leaseId)!;
      for (const offset of OFFSETS) {
        const stepDate = addDays(dueDate, offset);
        const at = Date.parse(`${stepDate}T07:00:00+03:00`);
        if (at >= END) continue;
        const raised = [...chargeIds.values()].filter((c) => c.leaseId === leaseId && Date.parse(`${c.dueDate.slice(0, 7)}-01T00:00:00+03:00`) <= at).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
        if (!raised.some((c) => c.dueDate === dueDate)) continue;
        let paid = lease.payments.filter((p) => p.at <= at).reduce((s, p) => s + p.cents, 0);
        let owing = 0;
        for (const c of raised) {
          const covered = Math.min(RENT, paid);
          paid -= covered;
          if (c.dueDate === dueDate) owing = RENT - covered;
        }
        if (owing > 0) expected.add(`reminder:${chargeId}:${offset}`);
      }
    }

    const sentSms = sentAt.filter((s) => s.text);
    const keys = sentSms.map((s) => s.eventKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(expected);
    expect(sentAt.filter((s) => !s.text).map((s) => s.eventKey).sort()).toEqual([...keys].sort());
    for (const s of sentAt) {
      const hour = nairobiHour(new Date(s.at));
      expect(hour, `${s.eventKey} sent at ${new Date(s.at).toISOString()}`).toBeGreaterThanOrEqual(7);
      expect(hour).toBeLessThan(21);
    }
    for (const s of sentSms) expect(measureSms(s.text), s.text).toMatchObject({ encoding: 'GSM-7', parts: 1 });

    // Leases with nothing owed heard nothing; the others heard something, before and after the due day.
    const byLease = (style: Style) => plan.filter((l) => l.style === style).map((l) => l.id);
    const leaseOfKey = (key: string) => chargeIds.get(key.split(':')[1]!)!.leaseId;
    for (const id of [...byLease('credit'), ...byLease('early')]) expect(keys.filter((k) => leaseOfKey(k) === id)).toEqual([]);
    for (const id of byLease('late')) expect(keys.filter((k) => leaseOfKey(k) === id).length).toBeGreaterThanOrEqual(4);
    expect(keys.some((k) => k.endsWith(':-3'))).toBe(true);
    expect(keys.some((k) => k.endsWith(':10'))).toBe(true);
    // Part payers: the early steps while the whole rent was owed, +3 for the half left, nothing at +10 once paid.
    for (const id of byLease('parts')) {
      const steps = keys.filter((k) => leaseOfKey(k) === id).map((k) => Number(k.split(':')[2]));
      expect(steps.filter((s) => s === 10)).toEqual([]);
      expect(steps.filter((s) => s === 3).length).toBe(3);
    }
  });
});
