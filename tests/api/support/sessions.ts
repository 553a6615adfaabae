import { hash } from '@node-rs/argon2';
import { queryE2eDb } from '../../support/e2e-db';
import { E2E_APP_URL } from '../../support/e2e-env';
import { send } from './http';

export const DEMO_PASSWORD = 'haven-demo';
export const FOREIGN_ADMIN_EMAIL = 'foreign-admin@example.org';

/** The session cookie(s) of a response, as one Cookie header value. */
export function cookieHeader(setCookies: string[]): string {
  return setCookies
    .map((line) => line.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

export type SignInResult = { ok: true; cookie: string } | { ok: false; code: string };

/**
 * Signs in through Auth.js's own HTTP routes (CSRF token, then the credentials form), from a chosen loopback
 * address, and returns the session cookie — or the reason it was refused (`invalid`, `throttled`).
 */
export async function signInOverHttp(
  email: string,
  { password = DEMO_PASSWORD, from, headers = {} }: { password?: string; from?: string; headers?: Record<string, string> } = {},
): Promise<SignInResult> {
  const csrf = await send({ path: '/api/auth/csrf', from, headers });
  if (csrf.status !== 200) throw new Error(`csrf: ${csrf.status} ${csrf.text}`);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const res = await send({
    method: 'POST',
    path: '/api/auth/callback/credentials',
    from,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', origin: E2E_APP_URL, cookie: cookieHeader(csrf.setCookies) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/' }).toString(),
  });
  const session = res.setCookies.find((line) => line.startsWith('authjs.session-token='));
  if (session) return { ok: true, cookie: session.split(';')[0]! };
  const location = new URL(res.headers.location ?? '/', E2E_APP_URL);
  return { ok: false, code: location.searchParams.get('code') ?? location.searchParams.get('error') ?? `status ${res.status}` };
}

export async function signedInCookie(email: string, options: { password?: string; from?: string } = {}): Promise<string> {
  const result = await signInOverHttp(email, options);
  if (!result.ok) throw new Error(`could not sign in as ${email}: ${result.code}`);
  return result.cookie;
}

/**
 * A second agency with one admin and nothing else: "another agency's admin" for the matrix. Created once per
 * e2e database (the tests share it); every id of the demo agency is someone else's to this admin.
 */
export async function ensureForeignAdmin(): Promise<{ agencyId: string; userId: string }> {
  const existing = await queryE2eDb<{ id: string; agency_id: string }>('select id, agency_id from users where email = $1', [FOREIGN_ADMIN_EMAIL]);
  if (existing[0]) return { agencyId: existing[0].agency_id, userId: existing[0].id };
  const passwordHash = await hash(DEMO_PASSWORD);
  const [agency] = await queryE2eDb<{ id: string }>("insert into agencies (name, paybill_shortcode) values ('Other Lettings Ltd', '600100') returning id");
  const [user] = await queryE2eDb<{ id: string }>(
    "insert into users (agency_id, role, name, email, phone, password_hash) values ($1, 'admin', 'Olive Other', $2, null, $3) on conflict (email) do nothing returning id",
    [agency!.id, FOREIGN_ADMIN_EMAIL, passwordHash],
  );
  if (!user) return ensureForeignAdmin();
  return { agencyId: agency!.id, userId: user.id };
}

/** A user of the demo agency that only one test uses (its password or sessions are about to change). */
export async function ensureDemoAgencyUser(email: string, role: 'landlord' | 'tenant' | 'admin' = 'landlord'): Promise<string> {
  const [existing] = await queryE2eDb<{ id: string }>('select id from users where email = $1', [email]);
  if (existing) return existing.id;
  const passwordHash = await hash(DEMO_PASSWORD);
  const [user] = await queryE2eDb<{ id: string }>(
    "insert into users (agency_id, role, name, email, password_hash) select agency_id, $2, $4, $1, $3 from users where email = 'admin@example.com' returning id",
    [email, role, passwordHash, `Test ${email.split('@')[0]}`],
  );
  return user!.id;
}

export async function userIdOf(email: string): Promise<string> {
  const [row] = await queryE2eDb<{ id: string }>('select id from users where email = $1', [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}
