import { describe, expect, it } from 'vitest';
import { nextRentPeriod, rentChargeMoment, rentForPeriod, rentInForce } from './rent-schedule';

const terms = { monthlyRentCents: 3_000_000, startDate: '2026-03-16', endDate: null, billingDay: 1, dueDay: 5 };

describe('rent schedule', () => {
  it('prorates a mid-month start by days, in whole shillings, due on the start date', () => {
    const march = rentForPeriod(terms, [], '2026-03')!;
    expect(march.days).toBe(16);
    expect(march.amountCents).toBe(Math.round((30_000 * 16) / 31) * 100);
    expect(march.dueDate).toBe('2026-03-16');
    expect(rentForPeriod(terms, [], '2026-04')).toMatchObject({ amountCents: 3_000_000, dueDate: '2026-04-05', description: 'Rent 2026-04' });
    expect(rentForPeriod(terms, [], '2026-02')).toBeNull();
  });

  it('applies a rent change from its period on, and the latest one in force', () => {
    const changes = [{ effectivePeriod: '2026-07', monthlyRentCents: 3_300_000 }, { effectivePeriod: '2026-10', monthlyRentCents: 3_500_000 }];
    expect(rentInForce(terms, changes, '2026-06')).toBe(3_000_000);
    expect(rentInForce(terms, changes, '2026-07')).toBe(3_300_000);
    expect(rentInForce(terms, changes, '2027-01')).toBe(3_500_000);
  });

  it('prorates the last month and charges nothing after the end', () => {
    const ending = { ...terms, endDate: '2026-08-10' };
    expect(rentForPeriod(ending, [], '2026-08')!.amountCents).toBe(Math.round((30_000 * 10) / 31) * 100);
    expect(rentForPeriod(ending, [], '2026-09')).toBeNull();
    expect(nextRentPeriod(ending, '2026-08')).toBeNull();
    expect(nextRentPeriod(ending, '2026-07')).toBe('2026-08');
  });

  it('raises rent at Nairobi midnight of the billing day', () => {
    expect(rentChargeMoment('2027-01', 1).toISOString()).toBe('2026-12-31T21:00:00.000Z');
  });
});
