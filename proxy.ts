import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { BEARER_ROUTE_HEADER, formatBearerRoute } from '@/lib/api/bearer';
import { decideRequest } from '@/lib/api/request-policy';
import { API_CONTENT_SECURITY_POLICY, createNonce, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from '@/lib/api/security-headers';
import { createAuthConfig } from '@/lib/auth/auth-config';
import { getEnv } from '@/lib/env';

/**
 * Every request except static files and Daraja's callbacks (see `config` below) passes through here, in this order:
 *
 * 1. The request policy (lib/api/request-policy.ts): malformed paths (400), CSRF on state-changing API calls
 *    (403 cross-origin, 415 not JSON), body size by Content-Length (413). New routes are covered by default.
 * 2. The session cookie, if any, is read and refreshed by Auth.js (idle timeout: each request is activity; an
 *    idle or expired session is cleared). A bearer request keeps no cookies at all.
 * 3. Pages without a session redirect to sign-in — a convenience, not the security boundary: every page and
 *    handler checks the session and scopes its queries in the data layer.
 * 4. Security headers: a per-request nonce CSP on pages (Next.js applies the nonce to its scripts), a
 *    no-content CSP and `Cache-Control: no-store` on API responses, HSTS behind HTTPS. The fixed headers
 *    (nosniff, frame and referrer policies…) come from next.config.mjs.
 */

const { auth } = NextAuth(createAuthConfig());

const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
const SIGNED_IN_AREAS = ['/admin', '/landlord', '/tenant', '/leases', '/receipts', '/payouts', '/payments', '/account'];

const isApi = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');
const inSignedInArea = (pathname: string) => SIGNED_IN_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));

function continueWithHeaders(request: NextRequest, { bearer, signedIn }: { bearer: boolean; signedIn: boolean }): NextResponse {
  const env = getEnv();
  const { pathname, search } = request.nextUrl;
  const https = env.appUrl.startsWith('https://');
  const api = isApi(pathname);

  if (!api && !signedIn && inSignedInArea(pathname)) {
    const url = new URL('/sign-in', request.url);
    url.searchParams.set('next', `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(url), { csp: API_CONTENT_SECURITY_POLICY, https, noStore: false });
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete(BEARER_ROUTE_HEADER);
  if (bearer) {
    requestHeaders.delete('cookie');
    requestHeaders.set(BEARER_ROUTE_HEADER, formatBearerRoute({ method: request.method, pathname }));
  }
  let csp = API_CONTENT_SECURITY_POLICY;
  if (!api) {
    const nonce = createNonce();
    csp = pageContentSecurityPolicy({ nonce, dev: env.nodeEnv === 'development', https });
    // Next.js takes the nonce for its own scripts from the request's CSP header.
    requestHeaders.set('content-security-policy', csp);
    requestHeaders.set('x-nonce', nonce);
  }
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), { csp, https, noStore: api });
}

function withSecurityHeaders<R extends Response>(response: R, { csp, https, noStore }: { csp: string; https: boolean; noStore: boolean }): R {
  response.headers.set('content-security-policy', csp);
  if (https) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  if (noStore) response.headers.set('cache-control', 'no-store');
  return response;
}

const withSession = auth((request) => {
  return continueWithHeaders(request, { bearer: false, signedIn: Boolean(request.auth) });
});

export async function proxy(request: NextRequest): Promise<Response> {
  const env = getEnv();
  const decision = decideRequest({
    method: request.method,
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.search,
    headers: request.headers,
    appOrigin: new URL(env.appUrl).origin,
  });
  if (decision.action === 'refuse') {
    const body = { error: { code: decision.code, message: decision.message } };
    return withSecurityHeaders(NextResponse.json(body, { status: decision.status }), { csp: API_CONTENT_SECURITY_POLICY, https: env.appUrl.startsWith('https://'), noStore: true });
  }
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (decision.bearer || !hasSessionCookie) return continueWithHeaders(request, { bearer: decision.bearer, signedIn: false });
  // Auth.js's wrapper passes this on to the handler above, which needs no route params.
  return (await withSession(request, { params: Promise.resolve({}) })) ?? NextResponse.next();
}

export const config = {
  // Everything but build assets and the public icon and manifest, which carry their fixed headers from
  // next.config.mjs. They must not pass through the session wrapper: the browser fetches them on its own, late, and a
  // session cookie renewed on such a response would outlive a sign-out that happened meanwhile.
  //
  // Daraja's callbacks skip it too: running it was half the cost of each one (callback-ingest bench: "Accepted" at
  // 0.52x the no-op route's rate with it, at the no-op route's rate without), and a callback needs none of it: no
  // session, no CSRF rule (exempt: its secret path is its credential), its body limit enforced as it is read
  // (readBodyText) and the API's headers set by its own answers (callbackJson). The paths are request-policy.ts's
  // CALLBACK_PATHS; lib/api/proxy-matcher.test.ts holds the two lists to each other.
  matcher: [
    '/((?!_next/static|_next/image|favicon.ico|favicon.svg|manifest.webmanifest|api/v1/(?:mpesa|hooks)/(?:callback|c2b/(?:confirmation|validation)|(?:b2c|reversal|balance|transaction-status)/(?:result|timeout))/[^/]+$).*)',
  ],
};
