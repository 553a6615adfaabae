import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { getUserById } from '@/db/queries/users';
import type { UserRole } from '@/db/schema/users';
import { BEARER_ROUTE_HEADER, isBearerRequest, parseBearerRoute } from '@/lib/api/bearer';
import { authenticateApiToken } from '@/lib/api-tokens/authenticate-token';
import { readBearerToken } from '@/lib/api-tokens/token-secret';
import { AppError } from '@/lib/errors';
import { auth } from './auth';
import type { Caller } from './caller';

/**
 * The signed-in caller, loaded from the database on every request: a deleted user, a changed role or a revoked
 * session (sign-out, password change, "sign out everywhere": the token's session version is no longer the
 * user's) takes effect at once.
 */
export const getCaller = cache(async (): Promise<Caller | null> => {
  // A bearer request is authenticated by its token or not at all, never by a cookie it happens to carry
  // (the proxy strips them too). Pages take no tokens at all; route handlers resolve them in requireApiCaller.
  if (isBearerRequest(await headers())) return null;
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await getUserById(await getDb(), { userId });
  if (!user || session.sessionVersion !== user.sessionVersion) return null;
  return { id: user.id, agencyId: user.agencyId, role: user.role, name: user.name, email: user.email, phone: user.phone };
});

/** For pages: no session → sign-in; a page of another role → 404, so its existence is not even revealed. */
export async function requirePageCaller(roles?: readonly UserRole[]): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect('/sign-in');
  if (roles && !roles.includes(caller.role)) notFound();
  return caller;
}

/**
 * For route handlers: 401 without a session or a valid API token, 403 for a token without the scope the request
 * needs, 404 for a role that has no business here. The one place where `Authorization: Bearer` is accepted.
 */
export async function requireApiCaller(roles?: readonly UserRole[]): Promise<Caller> {
  const requestHeaders = await headers();
  const caller = isBearerRequest(requestHeaders) ? await getTokenCaller(requestHeaders) : await getCaller();
  if (!caller) throw new AppError('unauthenticated', 'Sign in to continue');
  if (roles && !roles.includes(caller.role)) throw new AppError('not_found', 'Not found');
  return caller;
}

const getTokenCaller = cache(async (requestHeaders: Headers): Promise<Caller> => {
  const secret = readBearerToken(requestHeaders.get('authorization'));
  // Without the proxy's note of the route the scope cannot be decided: refuse rather than guess.
  const route = parseBearerRoute(requestHeaders.get(BEARER_ROUTE_HEADER));
  if (!secret || !route) throw new AppError('unauthenticated', 'This API token is not valid: it is unknown, expired or revoked');
  return authenticateApiToken(await getDb(), { secret, method: route.method, pathname: route.pathname });
});
