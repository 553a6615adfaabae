import 'server-only';
import { and, eq, inArray, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { getLeaseTenantRecipient } from '@/db/queries/message-recipients';
import { listReminderSchedules } from '@/db/queries/messaging-settings';
import { charges, leases } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { queueMessages } from './outbox';
import { addDays, daysBetween, nairobiDate, nextSendableTime } from './quiet-hours';

/**
 * Rent reminders on each agency's schedule (days relative to the due day, default -3, 0, +3, +10). A step is queued
 * when its Nairobi date has come, for a rent charge of an active lease that still has something owed on it; at night
 * it waits for 07:00. A step more than MAX_LATENESS_DAYS late (the app was down) is skipped rather than sent late,
 * and a later step replaces an earlier one. The outbox key `reminder:<charge>:<step>` makes every step once only,
 * whichever instance plans it and however often; the template checks again that it is still owed when it sends.
 */

export const MAX_LATENESS_DAYS = 2;

/** The step (offset) due on `today` for a charge due on `dueDate`, if any. */
export function dueReminderStep(dueDate: string, today: string, offsets: number[]): number | null {
  let step: number | null = null;
  for (const offset of [...offsets].sort((a, b) => a - b)) if (addDays(dueDate, offset) <= today) step = offset;
  if (step === null) return null;
  return daysBetween(addDays(dueDate, step), today) <= MAX_LATENESS_DAYS ? step : null;
}

/** The sweep's entry: HAVEN_RENT_REMINDERS=off stops reminders for the whole install (tests that read phones). */
export async function planRentRemindersIfEnabled(db: Db): Promise<void> {
  if (getEnv().messaging.rentReminders) await planRentReminders(db);
}

export async function planRentReminders(db: Db, { now = new Date() }: { now?: Date } = {}): Promise<number> {
  const schedules = new Map((await listReminderSchedules(db)).filter((s) => s.enabled && s.offsets.length > 0).map((s) => [s.agencyId, s.offsets]));
  if (schedules.size === 0) return 0;
  const all = [...schedules.values()].flat();
  const today = nairobiDate(now);
  const allocated = sql<number>`coalesce((select sum(pa.amount_cents) from payment_allocations pa where pa.charge_id = "charges"."id"), 0)`;
  const open = await db
    .select({ id: charges.id, leaseId: charges.leaseId, agencyId: charges.agencyId, dueDate: charges.dueDate })
    .from(charges)
    .innerJoin(leases, eq(leases.id, charges.leaseId))
    .where(and(
      eq(charges.kind, 'rent'),
      // A lease under notice still owes its rent until it ends.
      inArray(leases.status, ['active', 'notice']),
      gte(charges.dueDate, addDays(today, -(Math.max(...all) + MAX_LATENESS_DAYS))),
      lte(charges.dueDate, addDays(today, -Math.min(...all))),
      sql`${charges.amountCents} > ${allocated}`,
    ));
  let queued = 0;
  for (const charge of open) {
    const step = dueReminderStep(charge.dueDate, today, schedules.get(charge.agencyId) ?? []);
    if (step === null) continue;
    const tenant = await getLeaseTenantRecipient(db, { leaseId: charge.leaseId });
    if (!tenant) continue;
    const rows = await queueMessages(db, {
      agencyId: charge.agencyId, kind: 'rent-reminder', eventKey: `reminder:${charge.id}:${step}`, leaseId: charge.leaseId,
      recipients: [{ user: tenant }], payload: { chargeId: charge.id, step }, notBefore: nextSendableTime(now),
    });
    queued += rows.length;
  }
  return queued;
}
