import { describe, expect, it } from 'vitest';
import { currentPeriod, periodBounds, recentPeriods } from './rent-period';

describe('rent periods in Nairobi', () => {
  it('switches month at midnight Nairobi, which is 21:00 UTC', () => {
    expect(currentPeriod(new Date('2026-11-30T20:59:59Z'))).toBe('2026-11');
    expect(currentPeriod(new Date('2026-11-30T21:00:00Z'))).toBe('2026-12');
  });
  it('lists recent months oldest first, across a year end', () => {
    expect(recentPeriods(new Date('2027-01-10T09:00:00Z'), 3).map((p) => p.period)).toEqual(['2026-11', '2026-12', '2027-01']);
  });
  it('bounds a period by its Nairobi midnights', () => {
    expect(periodBounds('2026-11')).toEqual({ from: new Date('2026-10-31T21:00:00Z'), to: new Date('2026-11-30T21:00:00Z') });
  });
});
