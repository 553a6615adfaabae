import { NextResponse, type NextRequest } from 'next/server';

/**
 * Only a convenience redirect to sign-in for visitors with no session cookie. It is not a security boundary:
 * every page and handler checks the session and scopes its queries in the data layer.
 */
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = new URL('/sign-in', request.url);
  url.searchParams.set('next', request.nextUrl.pathname);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/admin/:path*', '/landlord/:path*', '/tenant/:path*', '/leases/:path*', '/receipts/:path*', '/payouts/:path*'],
};
