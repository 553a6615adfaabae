import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { safeRedirectPath } from './safe-redirect';

type AuthHandler = (request: NextRequest) => Promise<Response>;

const CALLBACK_URL_COOKIES = ['authjs.callback-url', '__Secure-authjs.callback-url'];

/**
 * Auth.js's own routes (/api/auth/*) answer a `callbackUrl` (query or cookie) they cannot parse with a 500
 * "configuration" error. Only this app's paths, or its own absolute URLs, are accepted; anything else is a 400
 * before Auth.js sees it (and a bad cookie is cleared, so the browser recovers).
 */
export function guardAuthRoute(handler: AuthHandler): AuthHandler {
  return async (request) => {
    const origin = request.nextUrl.origin;
    const fromQuery = request.nextUrl.searchParams.get('callbackUrl');
    const badCookies = CALLBACK_URL_COOKIES.filter((name) => {
      const value = request.cookies.get(name)?.value;
      return value !== undefined && !isAcceptableCallbackUrl(value, origin);
    });
    if ((fromQuery !== null && !isAcceptableCallbackUrl(fromQuery, origin)) || badCookies.length > 0) {
      const response = NextResponse.json({ error: { code: 'invalid_request', message: 'callbackUrl must be a path of this site' } }, { status: 400 });
      for (const name of badCookies) response.cookies.delete(name);
      return response;
    }
    return handler(request);
  };
}

function isAcceptableCallbackUrl(value: string, origin: string): boolean {
  const path = value === origin || value.startsWith(`${origin}/`) ? value.slice(origin.length) || '/' : value;
  return safeRedirectPath(path, origin) !== null;
}
