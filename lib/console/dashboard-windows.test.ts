import { describe, expect, it } from 'vitest';
import { ageArrears } from './dashboard-arrears';
import { dashboardWindows, daysOf } from './dashboard-windows';

describe('dashboard windows (Nairobi days)', () => {
  it('today starts at Nairobi midnight; the week on Monday; the month on the 1st', () => {
    // Thursday 3 December 2026, 01:30 in Nairobi = 2 December 22:30 UTC.
    const w = dashboardWindows(new Date('2026-12-02T22:30:00Z'));
    expect(w.today).toMatchObject({ firstDay: '2026-12-03', lastDay: '2026-12-03' });
    expect(w.today.from.toISOString()).toBe('2026-12-02T21:00:00.000Z');
    expect(w.today.to.toISOString()).toBe('2026-12-03T21:00:00.000Z');
    expect(w.week).toMatchObject({ firstDay: '2026-11-30', lastDay: '2026-12-06' });
    expect(w.month).toMatchObject({ period: '2026-12', firstDay: '2026-12-01', lastDay: '2026-12-31' });
    expect(w.months).toHaveLength(12);
    expect(w.months[0]).toBe('2026-01');
    expect(w.months[11]).toBe('2026-12');
    // The week reaches back into November, so queries look from the earlier of the two.
    expect(w.from.toISOString()).toBe('2025-12-31T21:00:00.000Z');
    expect(daysOf(w.month)).toHaveLength(31);
  });

  it('a Sunday belongs to the week that started the Monday before', () => {
    expect(dashboardWindows(new Date('2026-12-06T12:00:00Z')).week.firstDay).toBe('2026-11-30');
    expect(dashboardWindows(new Date('2026-12-07T12:00:00Z')).week.firstDay).toBe('2026-12-07');
  });
});

describe('arrears by age', () => {
  it('puts each unpaid charge in the band of the days since it fell due, counting each lease once per band', () => {
    const today = '2026-12-03';
    const { bands, totalCents, leases } = ageArrears({
      today,
      charges: [
        { leaseId: 'a', dueDate: '2026-12-03', outstandingCents: 100 }, // 0 days
        { leaseId: 'a', dueDate: '2026-11-03', outstandingCents: 200 }, // 30 days
        { leaseId: 'b', dueDate: '2026-11-02', outstandingCents: 300 }, // 31 days
        { leaseId: 'b', dueDate: '2026-10-04', outstandingCents: 400 }, // 60 days
        { leaseId: 'c', dueDate: '2026-09-04', outstandingCents: 500 }, // 90 days
        { leaseId: 'c', dueDate: '2026-09-03', outstandingCents: 600 }, // 91 days
        { leaseId: 'd', dueDate: '2026-12-05', outstandingCents: 700 }, // not due yet
        { leaseId: 'e', dueDate: '2026-01-05', outstandingCents: 0 }, // settled
      ],
    });
    expect(bands.map((b) => [b.key, b.cents, b.leases])).toEqual([
      ['0-30', 300, 1],
      ['31-60', 700, 1],
      ['61-90', 500, 1],
      ['90+', 600, 1],
    ]);
    expect(totalCents).toBe(2_100);
    expect(leases).toBe(3);
  });

  it('is all zeros when nothing is owed', () => {
    const { bands, totalCents, leases } = ageArrears({ today: '2026-12-03', charges: [] });
    expect(bands.every((b) => b.cents === 0 && b.leases === 0)).toBe(true);
    expect([totalCents, leases]).toEqual([0, 0]);
  });
});
