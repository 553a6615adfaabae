import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { mpesaAccessTokens } from '@/db/schema/mpesa';
import type { TokenStore } from './token-store';

/**
 * Access tokens shared by every app instance through `mpesa_access_tokens`. A refresh runs inside a transaction
 * holding `pg_advisory_xact_lock(hashtext(key))`: one instance fetches while the others wait on the lock, then
 * re-read the row and reuse its token (a second fetch could invalidate the first token, SPEC §2).
 *
 * Inside the lock, reads and writes go through the locking transaction (AsyncLocalStorage), which also keeps the
 * single-connection embedded database (PGlite) from waiting on itself.
 */
export function createPostgresTokenStore(db: Db): TokenStore {
  const current = new AsyncLocalStorage<DbOrTx>();
  const conn = (): DbOrTx => current.getStore() ?? db;

  return {
    async get(key) {
      const rows = await conn().select().from(mpesaAccessTokens).where(eq(mpesaAccessTokens.key, key)).limit(1);
      const row = rows[0];
      return row ? { accessToken: row.accessToken, expiresAt: row.expiresAt, fetchedAt: row.fetchedAt } : null;
    },
    async set(key, accessToken, expiresAt, fetchedAt = new Date()) {
      await conn()
        .insert(mpesaAccessTokens)
        .values({ key, accessToken, expiresAt, fetchedAt })
        .onConflictDoUpdate({ target: mpesaAccessTokens.key, set: { accessToken, expiresAt, fetchedAt } });
    },
    withRefreshLock(key, fn) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
        return current.run(tx, fn);
      });
    },
  };
}
