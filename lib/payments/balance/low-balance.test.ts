import { describe, expect, it } from 'vitest';
import { balanceLeftBelowThreshold, isBalanceLow } from './low-balance';

describe('low balance', () => {
  it('is low strictly below the threshold, and never when no balance is known', () => {
    expect(isBalanceLow({ availableCents: 99_999, thresholdCents: 100_000 })).toBe(true);
    expect(isBalanceLow({ availableCents: 100_000, thresholdCents: 100_000 })).toBe(false);
    expect(isBalanceLow({ availableCents: null, thresholdCents: 100_000 })).toBe(false);
  });

  it('tells what a payout would leave when that is below the threshold', () => {
    const balance = { availableCents: 500_000, thresholdCents: 100_000 };
    expect(balanceLeftBelowThreshold({ ...balance, amountCents: 400_000 })).toBeNull();
    expect(balanceLeftBelowThreshold({ ...balance, amountCents: 400_001 })).toBe(99_999);
    expect(balanceLeftBelowThreshold({ ...balance, amountCents: 600_000 })).toBe(-100_000);
    expect(balanceLeftBelowThreshold({ ...balance, amountCents: null })).toBeNull();
    expect(balanceLeftBelowThreshold({ availableCents: null, thresholdCents: 100_000, amountCents: 400_001 })).toBeNull();
  });
});
