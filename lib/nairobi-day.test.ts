import { describe, expect, it } from 'vitest';
import { isNairobiDay, nairobiDay, nairobiDayBounds, shiftNairobiDay } from './nairobi-day';

describe('Nairobi days', () => {
  it('a day starts at 21:00 UTC the day before', () => {
    expect(nairobiDay(new Date('2026-12-01T20:59:59Z'))).toBe('2026-12-01');
    expect(nairobiDay(new Date('2026-12-01T21:00:00Z'))).toBe('2026-12-02');
    expect(nairobiDayBounds('2026-12-02')).toEqual({ from: new Date('2026-12-01T21:00:00Z'), to: new Date('2026-12-02T21:00:00Z') });
  });
  it('validates and moves days', () => {
    expect(isNairobiDay('2026-02-30')).toBe(false);
    expect(isNairobiDay('2026-12-02')).toBe(true);
    expect(isNairobiDay('2026-12-2')).toBe(false);
    expect(shiftNairobiDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftNairobiDay('2026-03-01', -1)).toBe('2026-02-28');
  });
});
