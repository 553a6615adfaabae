import { describe, expect, it, vi } from 'vitest';

/**
 * Two imports of the same module after `vi.resetModules()` give two copies of each class, as two Next bundles do.
 * The brand checks must recognise an error made by the other copy; `instanceof` does not (which is the bug).
 */
describe('error brands survive a second copy of the module', () => {
  it('DarajaError and DarajaCallbackError', async () => {
    const first = await import('./mpesa/errors');
    vi.resetModules();
    const second = await import('./mpesa/errors');
    expect(second.DarajaError).not.toBe(first.DarajaError);

    const timeout = new first.DarajaError('no answer', { kind: 'unknown-outcome', api: 'stk-push', retrySafe: false });
    expect(timeout instanceof second.DarajaError).toBe(false);
    expect(second.isDarajaError(timeout)).toBe(true);
    expect(second.isUnknownOutcome(timeout)).toBe(true);
    expect(second.isDarajaError(new Error('plain'))).toBe(false);
    expect(second.isDarajaError({ kind: 'unknown-outcome' })).toBe(false);

    const bad = new first.DarajaCallbackError('stk callback', ['no Body']);
    expect(second.isDarajaCallbackError(bad)).toBe(true);
    expect(second.isDarajaError(bad)).toBe(false);
  });

  it('AppError', async () => {
    const first = await import('./errors');
    vi.resetModules();
    const second = await import('./errors');
    const conflict = new first.AppError('conflict', 'A prompt is open');
    expect(conflict instanceof second.AppError).toBe(false);
    expect(second.isAppError(conflict)).toBe(true);
    expect(second.isAppError(new Error('x'))).toBe(false);
  });
});
