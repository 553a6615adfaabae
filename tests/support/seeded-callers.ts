import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import type { Caller } from '@/lib/auth/caller';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * The setup of integration files that call route code as the demo users: a fresh seeded database, each seeded user
 * as a Caller by email, and the request that the file's mocks of next/headers and auth() answer with. The vi.mock
 * calls stay in each test file: vitest hoists them only there, above the imports they replace.
 */

/** What the mocked `headers()` and `auth()` return; a test sets a session or headers, and each test starts with none. */
export interface MockedRequest {
  headers: Headers;
  session: null | { user: { id: string }; sessionVersion: number };
}

export async function callersByEmail(db: Db): Promise<Record<string, Caller>> {
  const callers: Record<string, Caller> = {};
  for (const u of await db.select().from(users)) callers[u.email] = { id: u.id, agencyId: u.agencyId, role: u.role, name: u.name, email: u.email, phone: u.phone };
  return callers;
}

export interface SeededCallers {
  /** Set up in beforeAll: read inside tests and hooks (reading earlier throws), not at the top of the file. */
  readonly t: TestDatabase;
  readonly db: Db;
  /** The same object throughout, filled in beforeAll, so it can be destructured at the top of the file. */
  readonly callers: Record<string, Caller>;
}

/** Registers the file's beforeAll/afterAll/beforeEach and returns what they set up. */
export function setUpSeededCallers(prefix: string, request: MockedRequest): SeededCallers {
  let database: TestDatabase | undefined;
  const callers: Record<string, Caller> = {};
  const ready = () => {
    if (!database) throw new Error('The test database is made in beforeAll: use it inside a test or hook');
    return database;
  };
  beforeAll(async () => {
    database = await createTestDatabase({ prefix });
    await seedDemoData(database.db);
    Object.assign(callers, await callersByEmail(database.db));
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(() => {
    request.headers = new Headers();
    request.session = null;
  });
  return {
    get t() {
      return ready();
    },
    get db() {
      return ready().db;
    },
    callers,
  };
}
