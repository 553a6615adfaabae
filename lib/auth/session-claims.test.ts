import { describe, expect, it } from 'vitest';
import { isSessionCurrent } from './session-claims';

const limits = { idleSeconds: 30 * 60, maxAgeSeconds: 12 * 3600 };
const now = 1_800_000_000;

describe('session limits (issue 14, item 7)', () => {
  it('keeps an active session within both limits', () => {
    expect(isSessionCurrent({ sub: 'u', sv: 0, authAt: now - 3600, seenAt: now - 60 }, { now, limits })).toBe(true);
  });
  it('ends a session idle for longer than the idle limit', () => {
    expect(isSessionCurrent({ sub: 'u', sv: 0, authAt: now - 3600, seenAt: now - 31 * 60 }, { now, limits })).toBe(false);
  });
  it('ends a session older than the absolute limit however active', () => {
    expect(isSessionCurrent({ sub: 'u', sv: 0, authAt: now - 13 * 3600, seenAt: now }, { now, limits })).toBe(false);
  });
  it('refuses a token claiming to be seen in the future', () => {
    expect(isSessionCurrent({ sub: 'u', sv: 0, authAt: now, seenAt: now + 3600 }, { now, limits })).toBe(false);
  });
});
