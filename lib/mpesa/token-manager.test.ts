import { describe, expect, it } from 'vitest';
import { createTokenManager } from './token-manager';
import { createMemoryTokenStore } from './token-store';

function setup(opts: { lifetimeSeconds?: number; store?: ReturnType<typeof createMemoryTokenStore>; clock?: { t: number } } = {}) {
  const clock = opts.clock ?? { t: Date.parse('2026-01-01T00:00:00Z') };
  const store = opts.store ?? createMemoryTokenStore();
  const counter = { fetches: 0 };
  const manager = createTokenManager({
    key: 'k',
    store,
    refreshMarginMs: 300_000,
    now: () => clock.t,
    fetchToken: async () => {
      counter.fetches += 1;
      await new Promise((r) => setTimeout(r, 5));
      return { accessToken: `token-${counter.fetches}-${Math.random().toString(36).slice(2, 6)}`, expiresInSeconds: opts.lifetimeSeconds ?? 3599 };
    },
  });
  return { manager, store, clock, counter };
}

describe('token manager', () => {
  it('fifty concurrent callers on a cold cache share one fetch', async () => {
    const { manager, counter } = setup();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => manager.getToken()));
    expect(counter.fetches).toBe(1);
    expect(new Set(tokens).size).toBe(1);
  });

  it('refreshes before expiry, not after', async () => {
    const { manager, clock, counter } = setup();
    const first = await manager.getToken();
    clock.t += 3000_000;
    expect(await manager.getToken()).toBe(first);
    clock.t += 400_000; // within 5 minutes of the 3599 s expiry
    expect(await manager.getToken()).not.toBe(first);
    expect(counter.fetches).toBe(2);
  });

  it('a rejected token is refreshed once however many callers saw it rejected', async () => {
    const { manager, counter } = setup();
    const bad = await manager.getToken();
    const fresh = await Promise.all(Array.from({ length: 20 }, () => manager.refreshAfterRejection(bad)));
    expect(counter.fetches).toBe(2);
    expect(new Set(fresh).size).toBe(1);
    expect(fresh[0]).not.toBe(bad);
  });

  it('two instances sharing a store converge on one token instead of invalidating each other', async () => {
    const store = createMemoryTokenStore();
    const clock = { t: Date.parse('2026-01-01T00:00:00Z') };
    const a = setup({ store, clock });
    const b = setup({ store, clock });
    const [ta, tb] = await Promise.all([a.manager.getToken(), b.manager.getToken()]);
    expect(ta).toBe(tb);
    expect(a.counter.fetches + b.counter.fetches).toBe(1);
    // A is told its token is invalid after B refreshed: A picks up B's token without fetching.
    const tb2 = await b.manager.refreshAfterRejection(tb);
    const ta2 = await a.manager.refreshAfterRejection(ta);
    expect(ta2).toBe(tb2);
    expect(a.counter.fetches + b.counter.fetches).toBe(2);
  });

  it('short-lived tokens are still used (the margin is capped at half the lifetime)', async () => {
    const { manager, counter } = setup({ lifetimeSeconds: 10 });
    await manager.getToken();
    await manager.getToken();
    expect(counter.fetches).toBe(1);
  });

  it('a failed fetch is not cached', async () => {
    let fail = true;
    const manager = createTokenManager({
      key: 'k',
      store: createMemoryTokenStore(),
      refreshMarginMs: 0,
      fetchToken: async () => {
        if (fail) throw new Error('down');
        return { accessToken: 'ok', expiresInSeconds: 3599 };
      },
    });
    await expect(manager.getToken()).rejects.toThrow('down');
    fail = false;
    expect(await manager.getToken()).toBe('ok');
  });
});
