import type { LateFeeKind } from '@/db/schema/agencies';
import { addDays } from './rent-period';

/**
 * An agency's late-fee rule: nothing, a fixed amount, or a percent of the rent still unpaid `afterDays` days after
 * its due date. Assessed once per lease and period, the day after that deadline, from the payments made by then
 * (so a sweep that runs late after downtime decides the same as one that ran on time).
 */
export interface LateFeeRule {
  kind: LateFeeKind;
  fixedCents: number;
  percentBps: number;
  afterDays: number;
}

/**
 * The last day a period's rent can be paid without a fee: N days after it is due, or after it was raised if that
 * was later (rent raised late, after an outage, gets its full grace period).
 */
export function lateFeeDeadline({ dueDate, raisedOn }: { dueDate: string; raisedOn: string }, rule: Pick<LateFeeRule, 'afterDays'>): string {
  return addDays(dueDate > raisedOn ? dueDate : raisedOn, rule.afterDays);
}

/** The fee for rent still owed at the deadline, in whole shillings (M-Pesa moves whole shillings). */
export function lateFeeAmount(rule: LateFeeRule, unpaidCents: number): number {
  if (unpaidCents <= 0) return 0;
  if (rule.kind === 'fixed') return rule.fixedCents;
  if (rule.kind === 'percent') return Math.round((unpaidCents * rule.percentBps) / 10_000 / 100) * 100;
  return 0;
}

export function describeLateFeeRule(rule: LateFeeRule, formatKes: (cents: number) => string): string {
  if (rule.kind === 'none') return 'No late fees';
  const what = rule.kind === 'fixed' ? formatKes(rule.fixedCents) : `${rule.percentBps / 100}% of the rent still unpaid`;
  return `${what} when rent is unpaid ${rule.afterDays} day${rule.afterDays === 1 ? '' : 's'} after it is due`;
}
