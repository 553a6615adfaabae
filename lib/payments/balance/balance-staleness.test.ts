import { describe, expect, it } from 'vitest';
import { balanceRefreshInterval, isBalanceStale } from './balance-staleness';

const check = (at: string) => ({ completedAt: at, createdAt: at });

describe('balance staleness', () => {
  it('a balance read before the last payout settled is stale; one read after is not', () => {
    expect(isBalanceStale({ latest: check('2030-01-01T10:00:00Z'), lastMoneyOutAt: '2030-01-01T10:05:00Z' })).toBe(true);
    expect(isBalanceStale({ latest: check('2030-01-01T10:06:00Z'), lastMoneyOutAt: '2030-01-01T10:05:00Z' })).toBe(false);
    expect(isBalanceStale({ latest: null, lastMoneyOutAt: '2030-01-01T10:05:00Z' })).toBe(false);
    expect(isBalanceStale({ latest: check('2030-01-01T10:00:00Z'), lastMoneyOutAt: null })).toBe(false);
  });

  it('polls fast while a check runs or just after money went out, then once a minute', () => {
    const now = Date.parse('2030-01-01T10:05:30Z');
    const stale = { latest: check('2030-01-01T10:00:00Z'), lastMoneyOutAt: '2030-01-01T10:05:00Z', current: { status: 'SUCCESS' } };
    expect(balanceRefreshInterval(stale, now)).toBe(2_000);
    expect(balanceRefreshInterval({ ...stale, current: { status: 'PENDING' } }, now)).toBe(1_500);
    expect(balanceRefreshInterval(stale, now + 10 * 60_000)).toBe(60_000);
    expect(balanceRefreshInterval({ ...stale, lastMoneyOutAt: null }, now)).toBe(60_000);
  });
});
