import { addPeriods, dateInPeriod, daysInPeriod, nairobiMidnight, periodOfDate } from './rent-period';

/**
 * Which rent a lease owes for a period, pure: the rent in force that period (the latest change at or before it),
 * prorated by days for the first and last months when the lease starts or ends mid-month. Nothing is owed for a
 * period before the lease starts or after it ends.
 */

export interface RentTerms {
  monthlyRentCents: number;
  startDate: string;
  endDate: string | null;
  billingDay: number;
  dueDay: number;
}

export interface RentChange {
  effectivePeriod: string;
  monthlyRentCents: number;
}

export interface PeriodRent {
  period: string;
  amountCents: number;
  /** Days of the month the lease covers, and of the month. */
  days: number;
  daysInMonth: number;
  dueDate: string;
  description: string;
}

export function rentInForce(terms: Pick<RentTerms, 'monthlyRentCents'>, changes: RentChange[], period: string): number {
  let rent = terms.monthlyRentCents;
  let latest = '';
  for (const c of changes) if (c.effectivePeriod <= period && c.effectivePeriod >= latest) ({ effectivePeriod: latest, monthlyRentCents: rent } = c);
  return rent;
}

export function rentForPeriod(terms: RentTerms, changes: RentChange[], period: string): PeriodRent | null {
  const first = periodOfDate(terms.startDate);
  const last = terms.endDate ? periodOfDate(terms.endDate) : null;
  if (period < first || (last && period > last)) return null;
  const daysInMonth = daysInPeriod(period);
  const fromDay = period === first ? Number(terms.startDate.slice(8, 10)) : 1;
  const toDay = last && period === last ? Number(terms.endDate!.slice(8, 10)) : daysInMonth;
  const days = toDay - fromDay + 1;
  const monthly = rentInForce(terms, changes, period);
  // Rounded to whole shillings: M-Pesa moves whole shillings, so a tenant can always pay exactly what is owed.
  const amountCents = days === daysInMonth ? monthly : Math.round((monthly * days) / daysInMonth / 100) * 100;
  const regularDue = dateInPeriod(period, terms.dueDay);
  const dueDate = period === first && terms.startDate > regularDue ? terms.startDate : regularDue;
  const description = days === daysInMonth ? `Rent ${period}` : `Rent ${period} (${days} of ${daysInMonth} days)`;
  return { period, amountCents, days, daysInMonth, dueDate, description };
}

/** When the sweep raises a period's rent: Nairobi midnight on the billing day. */
export function rentChargeMoment(period: string, billingDay: number): Date {
  return nairobiMidnight(dateInPeriod(period, billingDay));
}

/** The first period after `period` that still has rent to charge, or null when the lease has ended by then. */
export function nextRentPeriod(terms: Pick<RentTerms, 'endDate'>, period: string): string | null {
  const next = addPeriods(period, 1);
  if (terms.endDate && next > periodOfDate(terms.endDate)) return null;
  return next;
}
