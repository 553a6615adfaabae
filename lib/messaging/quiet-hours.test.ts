import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';
import { addDays, daysBetween, isQuietHours, nairobiDate, nextSendableTime } from './quiet-hours';
import { dueReminderStep } from './reminders';

const at = (iso: string) => new Date(iso);

describe('quiet hours (21:00–07:00 Nairobi)', () => {
  it('holds night messages until 07:00 Nairobi and lets day ones go', () => {
    expect(isQuietHours(at('2026-03-10T20:59:00+03:00'))).toBe(false);
    expect(isQuietHours(at('2026-03-10T21:00:00+03:00'))).toBe(true);
    expect(isQuietHours(at('2026-03-11T06:59:00+03:00'))).toBe(true);
    expect(nextSendableTime(at('2026-03-10T22:30:00+03:00')).toISOString()).toBe(at('2026-03-11T07:00:00+03:00').toISOString());
    expect(nextSendableTime(at('2026-03-11T02:00:00+03:00')).toISOString()).toBe(at('2026-03-11T07:00:00+03:00').toISOString());
    expect(nextSendableTime(at('2026-03-11T10:00:00+03:00')).toISOString()).toBe(at('2026-03-11T10:00:00+03:00').toISOString());
    // 23:30 UTC is already the next day in Nairobi.
    expect(nairobiDate(at('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
  });
  it('date arithmetic across month ends', () => {
    expect(addDays('2026-02-26', 3)).toBe('2026-03-01');
    expect(daysBetween('2026-02-26', '2026-03-08')).toBe(10);
  });
});

describe('which reminder step is due', () => {
  const offsets = [-3, 0, 3, 10];
  it('is the latest step whose date has come', () => {
    expect(dueReminderStep('2026-03-05', '2026-03-01', offsets)).toBeNull();
    expect(dueReminderStep('2026-03-05', '2026-03-02', offsets)).toBe(-3);
    expect(dueReminderStep('2026-03-05', '2026-03-05', offsets)).toBe(0);
    expect(dueReminderStep('2026-03-05', '2026-03-09', offsets)).toBe(3);
    expect(dueReminderStep('2026-03-05', '2026-03-15', offsets)).toBe(10);
  });
  it('skips a step found too late rather than sending it days after its date', () => {
    expect(dueReminderStep('2026-03-05', '2026-03-04', offsets)).toBe(-3);
    expect(dueReminderStep('2026-03-05', '2026-03-17', offsets)).toBe(10);
    expect(dueReminderStep('2026-03-05', '2026-03-18', offsets)).toBeNull();
  });
});

describe('retry back-off', () => {
  it('doubles from the base, with jitter, capped at an hour', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000, mid))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30, 30_000, mid)).toBe(3_600_000);
    expect(retryDelayMs(1, 30_000, () => 0)).toBe(24_000);
  });
});
