import type { StoredToken, TokenStore } from './token-store';

/**
 * Hands out access tokens: cached, shared by concurrent callers (one fetch for any number of simultaneous cold
 * callers), refreshed before expiry, and refreshed at most once per rejected token.
 *
 * Because a new token may invalidate the old one (SPEC §2, §14.10), an instance never fetches just because it
 * holds no token: it first looks in the shared store, and fetches only under the store's refresh lock after
 * re-reading the store, so concurrent instances converge on one token instead of invalidating each other's.
 */

export interface FetchedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export interface TokenManagerOptions {
  key: string;
  store: TokenStore;
  fetchToken: () => Promise<FetchedToken>;
  /** Refresh this long before expiry (capped at half the token's lifetime, for short-lived test tokens). */
  refreshMarginMs: number;
  now?: () => number;
}

export interface TokenManager {
  getToken(): Promise<string>;
  /** Called when Daraja said `rejectedToken` is invalid: returns a different token (from the store or fetched). */
  refreshAfterRejection(rejectedToken: string): Promise<string>;
}

export function createTokenManager({ key, store, fetchToken, refreshMarginMs, now = Date.now }: TokenManagerOptions): TokenManager {
  let local: StoredToken | null = null;
  let inflight: Promise<string> | null = null;

  const isFresh = (t: StoredToken): boolean => {
    const lifetime = t.expiresAt.getTime() - t.fetchedAt.getTime();
    const margin = Math.min(refreshMarginMs, Math.max(0, lifetime / 2));
    return t.expiresAt.getTime() - margin > now();
  };
  const usable = (t: StoredToken | null, rejected: string | null): t is StoredToken => t !== null && isFresh(t) && t.accessToken !== rejected;

  async function obtain(rejected: string | null): Promise<string> {
    const stored = await store.get(key);
    if (usable(stored, rejected)) {
      local = stored;
      return stored.accessToken;
    }
    return store.withRefreshLock(key, async () => {
      // Another instance may have refreshed while we waited for the lock: reuse its token.
      const again = await store.get(key);
      if (usable(again, rejected)) {
        local = again;
        return again.accessToken;
      }
      const fetched = await fetchToken();
      const fetchedAt = new Date(now());
      const expiresAt = new Date(fetchedAt.getTime() + fetched.expiresInSeconds * 1000);
      await store.set(key, fetched.accessToken, expiresAt, fetchedAt);
      local = { accessToken: fetched.accessToken, expiresAt, fetchedAt };
      return fetched.accessToken;
    });
  }

  function singleFlight(rejected: string | null): Promise<string> {
    inflight ??= obtain(rejected).finally(() => {
      inflight = null;
    });
    return inflight;
  }

  return {
    async getToken() {
      if (local && isFresh(local)) return local.accessToken;
      return singleFlight(null);
    },
    async refreshAfterRejection(rejectedToken) {
      const current = local;
      if (current && current.accessToken !== rejectedToken && isFresh(current)) return current.accessToken;
      if (current?.accessToken === rejectedToken) local = null;
      const token = await singleFlight(rejectedToken);
      // We may have joined a flight started before the rejection, which can hand back the same token.
      return token === rejectedToken ? singleFlight(rejectedToken) : token;
    },
  };
}
