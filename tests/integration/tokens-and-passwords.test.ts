import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { insertResetToken } from '@/db/queries/password-resets';
import { setPasswordHash } from '@/db/queries/users';
import { auditLog, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { authenticateApiToken } from '@/lib/api-tokens/authenticate-token';
import { createApiToken } from '@/lib/api-tokens/manage-tokens';
import { createTokenSchema } from '@/lib/api-tokens/token-input';
import type { Caller } from '@/lib/auth/caller';
import { hashPassword } from '@/lib/auth/password';
import { resetPassword } from '@/lib/auth/password-reset';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Tokens and passwords (docs/security.md): a password reset is an account recovery — whoever knew the old password
 * may have made tokens — so it revokes every token of the user; so does an admin's "sign out everywhere". A normal
 * password change (the current password was typed) keeps them, and /account says so.
 */

const request = vi.hoisted(() => ({ headers: new Headers(), session: null as null | { user: { id: string }; sessionVersion: number } }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
vi.mock('@/lib/auth/auth', () => ({ auth: async () => request.session }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: async () => t.db }));

let t: TestDatabase;
let db: Db;
const callers: Record<string, Caller> = {};
const makeToken = async (email: string, name: string) =>
  (await createApiToken(db, { caller: callers[email]!, input: createTokenSchema.parse({ name, scopes: ['read'], expiresInDays: 30 }) })).secret;
const works = (secret: string) =>
  authenticateApiToken(db, { secret, method: 'GET', pathname: '/api/v1/leases' }).then(
    () => true,
    (error: { status?: number }) => (error.status === 401 ? false : Promise.reject(error)),
  );

beforeAll(async () => {
  t = await createTestDatabase({ prefix: 'haven_tokens_passwords' });
  db = t.db;
  await seedDemoData(db);
  for (const u of await db.select().from(users)) callers[u.email] = { id: u.id, agencyId: u.agencyId, role: u.role, name: u.name, email: u.email, phone: u.phone };
}, 120_000);
afterAll(async () => {
  await t?.drop();
});
beforeEach(() => {
  request.headers = new Headers();
  request.session = null;
});

describe('API tokens when the password changes', () => {
  it('a normal password change keeps the tokens', async () => {
    const secret = await makeToken('landlord2@example.com', 'Books');
    await setPasswordHash(db, { userId: callers['landlord2@example.com']!.id, passwordHash: await hashPassword('a brand new passphrase') });
    expect(await works(secret)).toBe(true);
  });

  it('a password reset revokes every token of that user (and only theirs), audited with the count', async () => {
    const landlord = callers['landlord@example.com']!;
    const [first, second, someoneElses] = [await makeToken(landlord.email, 'Script A'), await makeToken(landlord.email, 'Script B'), await makeToken('admin@example.com', 'Admin script')];
    expect(await works(first)).toBe(true);
    const link = 'reset-link-secret-for-the-test';
    await insertResetToken(db, { userId: landlord.id, tokenHash: createHash('sha256').update(link).digest('hex'), expiresAt: new Date(Date.now() + 60_000) });
    await resetPassword(db, { token: link, password: 'another long passphrase' });
    expect(await works(first)).toBe(false);
    expect(await works(second)).toBe(false);
    expect(await works(someoneElses)).toBe(true);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'user.password-reset'), eq(auditLog.targetId, landlord.id)));
    expect(audit?.details).toMatchObject({ revokedTokens: 2 });
  });

  it('an admin signing a person out everywhere revokes their tokens too', async () => {
    const { POST } = await import('@/app/api/v1/users/[id]/revoke-sessions/route');
    const admin = callers['admin@example.com']!;
    const landlord = callers['landlord@example.com']!;
    const secret = await makeToken(landlord.email, 'After the reset');
    const [adminRow] = await db.select().from(users).where(eq(users.id, admin.id));
    request.session = { user: { id: admin.id }, sessionVersion: adminRow!.sessionVersion };
    const res = await POST(new Request('http://localhost/api/v1/users/x/revoke-sessions', { method: 'POST' }), { params: Promise.resolve({ id: landlord.id }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ revoked: true, revokedTokens: 1 });
    expect(await works(secret)).toBe(false);
  });
});
