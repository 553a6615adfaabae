import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { insertResetToken } from '@/db/queries/password-resets';
import { setPasswordHash } from '@/db/queries/users';
import { auditLog, users } from '@/db/schema';
import { authenticateApiToken } from '@/lib/api-tokens/authenticate-token';
import { createApiToken } from '@/lib/api-tokens/manage-tokens';
import { createTokenSchema } from '@/lib/api-tokens/token-input';
import { hashPassword } from '@/lib/auth/password';
import { resetPassword } from '@/lib/auth/password-reset';
import { setUpSeededCallers, type MockedRequest } from '../support/seeded-callers';

/**
 * Tokens and passwords (docs/security.md): a password reset is an account recovery — whoever knew the old password
 * may have made tokens — so it revokes every token of the user; so does an admin's "sign out everywhere". A normal
 * password change (the current password was typed) keeps them, and /account says so.
 */

const request = vi.hoisted((): MockedRequest => ({ headers: new Headers(), session: null }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
vi.mock('@/lib/auth/auth', () => ({ auth: async () => request.session }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: async () => env.db }));

const env = setUpSeededCallers('haven_tokens_passwords', request);
const { callers } = env;
const makeToken = async (email: string, name: string) =>
  (await createApiToken(env.db, { caller: callers[email]!, input: createTokenSchema.parse({ name, scopes: ['read'], expiresInDays: 30 }) })).secret;
const works = (secret: string) =>
  authenticateApiToken(env.db, { secret, method: 'GET', pathname: '/api/v1/leases' }).then(
    () => true,
    (error: { status?: number }) => (error.status === 401 ? false : Promise.reject(error)),
  );

describe('API tokens when the password changes', () => {
  it('a normal password change keeps the tokens', async () => {
    const secret = await makeToken('landlord2@example.com', 'Books');
    await setPasswordHash(env.db, { userId: callers['landlord2@example.com']!.id, passwordHash: await hashPassword('a brand new passphrase') });
    expect(await works(secret)).toBe(true);
  });

  it('a password reset revokes every token of that user (and only theirs), audited with the count', async () => {
    const landlord = callers['landlord@example.com']!;
    const [first, second, someoneElses] = [await makeToken(landlord.email, 'Script A'), await makeToken(landlord.email, 'Script B'), await makeToken('admin@example.com', 'Admin script')];
    expect(await works(first)).toBe(true);
    const link = 'reset-link-secret-for-the-test';
    await insertResetToken(env.db, { userId: landlord.id, tokenHash: createHash('sha256').update(link).digest('hex'), expiresAt: new Date(Date.now() + 60_000) });
    await resetPassword(env.db, { token: link, password: 'another long passphrase' });
    expect(await works(first)).toBe(false);
    expect(await works(second)).toBe(false);
    expect(await works(someoneElses)).toBe(true);
    const [audit] = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.password-reset'), eq(auditLog.targetId, landlord.id)));
    expect(audit?.details).toMatchObject({ revokedTokens: 2 });
  });

  it('an admin signing a person out everywhere revokes their tokens too', async () => {
    const { POST } = await import('@/app/api/v1/users/[id]/revoke-sessions/route');
    const admin = callers['admin@example.com']!;
    const landlord = callers['landlord@example.com']!;
    const secret = await makeToken(landlord.email, 'After the reset');
    const [adminRow] = await env.db.select().from(users).where(eq(users.id, admin.id));
    request.session = { user: { id: admin.id }, sessionVersion: adminRow!.sessionVersion };
    const res = await POST(new Request('http://localhost/api/v1/users/x/revoke-sessions', { method: 'POST' }), { params: Promise.resolve({ id: landlord.id }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ revoked: true, revokedTokens: 1 });
    expect(await works(secret)).toBe(false);
  });
});
