/**
 * Where access tokens live between calls. SPEC §2: a token lasts 3599 s and (per the 2025 portal FAQ) fetching a
 * new one may invalidate the previous one. So app instances must share one token rather than each fetching its
 * own: the store is shared (Postgres in production), and `withRefreshLock` serialises refreshes so that one
 * instance fetches while the others wait, then re-read the store and reuse its token.
 */

export interface StoredToken {
  accessToken: string;
  expiresAt: Date;
  fetchedAt: Date;
}

export interface TokenStore {
  get(key: string): Promise<StoredToken | null>;
  /** `fetchedAt` (default now) lets readers size the refresh margin to the token's lifetime. */
  set(key: string, accessToken: string, expiresAt: Date, fetchedAt?: Date): Promise<void>;
  /** Runs `fn` while holding an exclusive lock for `key` across every process sharing this store. */
  withRefreshLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** One process only (tests, local dev). Locks are a promise chain per key. */
export function createMemoryTokenStore(): TokenStore {
  const tokens = new Map<string, StoredToken>();
  const locks = new Map<string, Promise<unknown>>();
  return {
    get: async (key) => tokens.get(key) ?? null,
    set: async (key, accessToken, expiresAt, fetchedAt = new Date()) => {
      tokens.set(key, { accessToken, expiresAt, fetchedAt });
    },
    withRefreshLock: async (key, fn) => {
      const previous = locks.get(key) ?? Promise.resolve();
      const run = previous.then(fn, fn);
      const settled = run.catch(() => undefined);
      locks.set(key, settled);
      try {
        return await run;
      } finally {
        if (locks.get(key) === settled) locks.delete(key);
      }
    },
  };
}

// On globalThis, not module scope: Next bundles instrumentation (which installs the Postgres store at start-up)
// separately from route handlers, and each bundle has its own copy of this module.
const holder = globalThis as unknown as { havenDarajaTokenStore?: TokenStore };

/** The process's token store: in memory until start-up installs the Postgres one (shared by app instances). */
export function getProcessTokenStore(): TokenStore {
  return (holder.havenDarajaTokenStore ??= createMemoryTokenStore());
}

export function setProcessTokenStore(store: TokenStore): void {
  holder.havenDarajaTokenStore = store;
}
