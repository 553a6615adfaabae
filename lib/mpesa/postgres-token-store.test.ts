import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type DatabaseHandle } from '@/db/client';
import { createTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { createPostgresTokenStore } from './postgres-token-store';
import { createTokenManager } from './token-manager';

/** Two app "instances" (separate connection pools) sharing mpesa_access_tokens in a real PostgreSQL. */
describe('Postgres token store', () => {
  let database: TestDatabase;
  let second: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'haven_mpesa_tokens' });
    second = await openPostgres(database.url ?? '', { max: 5 });
  });
  afterAll(async () => {
    await second?.close();
    await database?.drop();
  });

  function instance(db: DatabaseHandle['db'], counter: { fetches: number }) {
    return createTokenManager({
      key: 'daraja:test',
      store: createPostgresTokenStore(db),
      refreshMarginMs: 60_000,
      fetchToken: async () => {
        counter.fetches += 1;
        await new Promise((r) => setTimeout(r, 50));
        return { accessToken: `token-${counter.fetches}`, expiresInSeconds: 3599 };
      },
    });
  }

  it('instances starting together fetch once and share the token; a rejection is refreshed once overall', async () => {
    const counter = { fetches: 0 };
    const a = instance(database.db, counter);
    const b = instance(second.db, counter);
    const tokens = await Promise.all([...Array.from({ length: 10 }, () => a.getToken()), ...Array.from({ length: 10 }, () => b.getToken())]);
    expect(counter.fetches).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['token-1']));

    const [ra, rb] = await Promise.all([a.refreshAfterRejection('token-1'), b.refreshAfterRejection('token-1')]);
    expect(counter.fetches).toBe(2);
    expect(ra).toBe('token-2');
    expect(rb).toBe('token-2');

    const store = createPostgresTokenStore(second.db);
    expect((await store.get('daraja:test'))?.accessToken).toBe('token-2');
  });
});
