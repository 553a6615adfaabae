import { describe, expect, it } from 'vitest';
import { b2cFailure, b2cSuccess, c2bConfirmationV2, stkCancelled, stkSuccessJson } from '@/lib/mpesa/callbacks/fixtures';
import { summariseCallback } from './callback-summary';

describe('summariseCallback (the M-Pesa log badge)', () => {
  it('an applied STK success is green with its amount and receipt', () => {
    const s = summariseCallback({ kind: 'stk', body: stkSuccessJson, outcome: 'applied' });
    expect(s).toMatchObject({ money: 'success', badge: { tone: 'green', label: 'Applied · succeeded' } });
    expect(s.receipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(s.amountCents).toBeGreaterThan(0);
  });

  it('an applied STK failure (cancelled) is red, never green, and says why', () => {
    const s = summariseCallback({ kind: 'stk', body: JSON.stringify(stkCancelled), outcome: 'applied' });
    expect(s.money).toBe('failure');
    expect(s.badge).toEqual({ label: 'Applied · failed', tone: 'red' });
    expect(s.reason).toBeTruthy();
  });

  it('payout results: success green, failure red', () => {
    expect(summariseCallback({ kind: 'b2c-result', body: JSON.stringify(b2cSuccess), outcome: 'applied' }).badge.tone).toBe('green');
    expect(summariseCallback({ kind: 'b2c-result', body: JSON.stringify(b2cFailure), outcome: 'applied' }).badge.tone).toBe('red');
  });

  it('a paybill confirmation is money in; duplicates, unmatched and dead-letter rows read as such', () => {
    const body = JSON.stringify(c2bConfirmationV2);
    expect(summariseCallback({ kind: 'c2b-confirmation', body, outcome: 'applied' })).toMatchObject({ money: 'success', receipt: c2bConfirmationV2.TransID });
    expect(summariseCallback({ kind: 'c2b-confirmation', body, outcome: 'duplicate' }).badge).toEqual({ label: 'Duplicate', tone: 'slate' });
    expect(summariseCallback({ kind: 'c2b-confirmation', body, outcome: 'unmatched' }).badge.tone).toBe('amber');
    expect(summariseCallback({ kind: 'stk', body: '{}', outcome: 'dead' }).badge).toEqual({ label: 'Dead-letter', tone: 'red' });
  });

  it('a timeout is an unknown outcome (amber) and an unreadable body never throws', () => {
    expect(summariseCallback({ kind: 'b2c-timeout', body: '{}', outcome: 'applied' }).badge.tone).toBe('amber');
    expect(summariseCallback({ kind: 'stk', body: 'not json', outcome: 'invalid' })).toMatchObject({ money: 'unknown', badge: { tone: 'red' } });
  });
});
