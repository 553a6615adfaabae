import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { apiTokens, auditLog, users } from '@/db/schema';
import { authenticateApiToken } from '@/lib/api-tokens/authenticate-token';
import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/api-tokens/manage-tokens';
import { createTokenSchema } from '@/lib/api-tokens/token-input';
import { hashTokenSecret } from '@/lib/api-tokens/token-secret';
import { setUpSeededCallers, type MockedRequest } from '../support/seeded-callers';

/**
 * Personal access tokens: made, listed and revoked by their owner, stored as a hash, accepted only within their
 * scopes and as their owner is now; and, in lib/auth/session.ts, accepted by route handlers only, never by pages
 * (a bearer request is not signed in, whatever session cookie it might also carry).
 */

const request = vi.hoisted((): MockedRequest => ({ headers: new Headers(), session: null }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
vi.mock('@/lib/auth/auth', () => ({ auth: async () => request.session }));
vi.mock('@/db/client', async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: async () => env.db }));

const env = setUpSeededCallers('haven_api_tokens', request);
const { callers } = env;
const input = (v: unknown) => createTokenSchema.parse(v);
const use = (secret: string, method: string, pathname: string, now?: Date) => authenticateApiToken(env.db, { secret, method, pathname, now });

describe('making and listing tokens', () => {
  it('shows the secret once and keeps only its SHA-256; the list shows the prefix, never the hash', async () => {
    const landlord = callers['landlord@example.com']!;
    const { token, secret } = await createApiToken(env.db, { caller: landlord, input: input({ name: 'Accounting', scopes: ['read', 'collect'], expiresInDays: 30 }) });
    expect(secret).toMatch(/^hvn_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'Accounting', scopes: ['read', 'collect'], status: 'active', prefix: secret.slice(0, 10), lastUsedAt: null });
    const [row] = await env.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row!.tokenHash).toBe(hashTokenSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const listed = await listApiTokens(env.db, { caller: landlord });
    expect(listed.map((x) => x.id)).toContain(token.id);
    expect(JSON.stringify(listed)).not.toContain(row!.tokenHash);
    const [audit] = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'api_token.created'), eq(auditLog.targetId, token.id)));
    expect(audit).toMatchObject({ actorId: landlord.id, details: expect.objectContaining({ scopes: ['read', 'collect'] }) });
  });

  it('refuses tenants, and scopes a role cannot use', async () => {
    await expect(createApiToken(env.db, { caller: callers['tenant@example.com']!, input: input({ name: 'x', scopes: ['read'] }) })).rejects.toMatchObject({ status: 404 });
    await expect(createApiToken(env.db, { caller: callers['landlord@example.com']!, input: input({ name: 'x', scopes: ['admin'] }) })).rejects.toMatchObject({ status: 400 });
    expect(() => input({ name: 'x', scopes: [] })).toThrow();
    expect(() => input({ name: 'x', scopes: ['read'], expiresInDays: 366 })).toThrow();
  });

  it('a token cannot make another token', async () => {
    const admin = callers['admin@example.com']!;
    await expect(createApiToken(env.db, { caller: { ...admin, apiTokenId: 'x' }, input: input({ name: 'x', scopes: ['read'] }) })).rejects.toMatchObject({ status: 403 });
  });
});

describe('using a token', () => {
  it('acts as its owner within its scopes: a read-only token reads, and gets 403 on collecting and payouts', async () => {
    const landlord = callers['landlord@example.com']!;
    const { secret, token } = await createApiToken(env.db, { caller: landlord, input: input({ name: 'Reader', scopes: ['read'] }) });
    const caller = await use(secret, 'GET', '/api/v1/mpesa/b2c');
    expect(caller).toMatchObject({ id: landlord.id, role: 'landlord', agencyId: landlord.agencyId, apiTokenId: token.id });
    await expect(use(secret, 'POST', '/api/v1/mpesa/b2c')).rejects.toMatchObject({ status: 403, details: { requiredScope: 'payout' } });
    await expect(use(secret, 'POST', '/api/v1/mpesa/stk-push')).rejects.toMatchObject({ status: 403 });
    await expect(use(secret, 'PUT', '/api/v1/agency/settings')).rejects.toMatchObject({ status: 403 });
  });

  it('never on token management, whatever its scopes', async () => {
    const { secret } = await createApiToken(env.db, { caller: callers['admin@example.com']!, input: input({ name: 'All', scopes: ['read', 'collect', 'payout', 'admin'] }) });
    await expect(use(secret, 'GET', '/api/v1/tokens')).rejects.toMatchObject({ status: 403 });
    await expect(use(secret, 'POST', '/api/v1/tokens')).rejects.toMatchObject({ status: 403 });
  });

  it('revoked, expired, unknown or malformed → 401', async () => {
    const admin = callers['admin@example.com']!;
    const { secret, token } = await createApiToken(env.db, { caller: admin, input: input({ name: 'Short', scopes: ['read'], expiresInDays: 1 }) });
    await expect(use(secret, 'GET', '/api/v1/leases', new Date(Date.now() + 2 * 86_400_000))).rejects.toMatchObject({ status: 401 });
    await use(secret, 'GET', '/api/v1/leases');
    const revoked = await revokeApiToken(env.db, { caller: admin, tokenId: token.id });
    expect(revoked.status).toBe('revoked');
    await expect(use(secret, 'GET', '/api/v1/leases')).rejects.toMatchObject({ status: 401 });
    await expect(use(`hvn_${'A'.repeat(43)}`, 'GET', '/api/v1/leases')).rejects.toMatchObject({ status: 401 });
    await expect(use('not-a-token', 'GET', '/api/v1/leases')).rejects.toMatchObject({ status: 401 });
    // Revoking twice is not an error; another person's token is not found.
    expect((await revokeApiToken(env.db, { caller: admin, tokenId: token.id })).status).toBe('revoked');
    await expect(revokeApiToken(env.db, { caller: callers['landlord@example.com']!, tokenId: token.id })).rejects.toMatchObject({ status: 404 });
    const actions = (await env.db.select().from(auditLog).where(eq(auditLog.targetId, token.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['api_token.created', 'api_token.revoked']));
  });

  it('follows its owner: a changed role applies at once', async () => {
    const [someone] = await env.db.insert(users).values({ agencyId: callers['admin@example.com']!.agencyId, role: 'admin', name: 'Temp Admin', email: 'temp-admin@example.com' }).returning();
    const { secret } = await createApiToken(env.db, { caller: { id: someone!.id, agencyId: someone!.agencyId, role: 'admin', name: 'Temp Admin', email: someone!.email, phone: null }, input: input({ name: 'x', scopes: ['read'] }) });
    await env.db.update(users).set({ role: 'tenant' }).where(eq(users.id, someone!.id));
    expect((await use(secret, 'GET', '/api/v1/leases')).role).toBe('tenant');
  });

  it('records every use: last used (at most once a minute) and an audit row for each call that changes something', async () => {
    const admin = callers['admin@example.com']!;
    const { secret, token } = await createApiToken(env.db, { caller: admin, input: input({ name: 'Payouts', scopes: ['read', 'payout'] }) });
    await use(secret, 'GET', '/api/v1/mpesa/b2c');
    const [first] = await env.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(first!.lastUsedAt).not.toBeNull();
    await use(secret, 'GET', '/api/v1/mpesa/b2c');
    const [second] = await env.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(second!.lastUsedAt).toEqual(first!.lastUsedAt);
    await use(secret, 'POST', '/api/v1/mpesa/b2c');
    await use(secret, 'POST', '/api/v1/mpesa/b2c');
    const used = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'api_token.used'), eq(auditLog.targetId, token.id)));
    expect(used).toHaveLength(2);
    expect(used[0]).toMatchObject({ actorId: admin.id, details: { method: 'POST', path: '/api/v1/mpesa/b2c', scope: 'payout', viaApiToken: token.id } });
  });
});

describe('lib/auth/session.ts: tokens open route handlers, never pages', () => {
  it('a bearer request is authenticated by its token in a route handler, and is nobody on a page even with a valid session', async () => {
    const { getCaller, requireApiCaller, requirePageCaller } = await import('@/lib/auth/session');
    const admin = callers['admin@example.com']!;
    const [adminRow] = await env.db.select().from(users).where(eq(users.id, admin.id));
    const { secret } = await createApiToken(env.db, { caller: admin, input: input({ name: 'Session test', scopes: ['read'] }) });
    // A session that would sign the admin in on its own.
    request.session = { user: { id: admin.id }, sessionVersion: adminRow!.sessionVersion };
    expect((await getCaller())?.id).toBe(admin.id);

    request.headers = new Headers({ authorization: `Bearer ${secret}`, 'x-haven-bearer-route': 'GET /api/v1/leases' });
    expect(await getCaller()).toBeNull();
    await expect(requirePageCaller()).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await requireApiCaller(['admin'])).toMatchObject({ id: admin.id, apiTokenId: expect.any(String) });
    await expect(requireApiCaller(['landlord'])).rejects.toMatchObject({ status: 404 });

    // Without the proxy's note of the route the scope cannot be checked: refused, not guessed.
    request.headers = new Headers({ authorization: `Bearer ${secret}` });
    await expect(requireApiCaller()).rejects.toMatchObject({ status: 401 });
    request.headers = new Headers({ authorization: `Bearer ${secret}`, 'x-haven-bearer-route': 'POST /api/v1/mpesa/b2c' });
    await expect(requireApiCaller()).rejects.toMatchObject({ status: 403 });
  });
});
