import type { NextAuthConfig } from 'next-auth';
import { getEnv } from '@/lib/env';
import { safeRedirectPath } from './safe-redirect';
import { isSessionCurrent, nowSeconds, sessionClaimsSchema } from './session-claims';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    /** The session version the token was issued under; `getCaller` compares it with the user's current one. */
    sessionVersion?: number;
  }
}

/**
 * The Auth.js settings shared by the full instance (lib/auth/auth.ts, with the credentials provider and the
 * database) and the proxy's (which only reads and refreshes the session cookie, and must not load the database).
 */
export function createAuthConfig(): NextAuthConfig {
  const env = getEnv();
  const limits = env.session;
  return {
    secret: env.authSecret,
    trustHost: true,
    // Decided by the public URL, not by a forwarded header a client could set: behind HTTPS, cookies are Secure
    // (and __Secure- prefixed) on every response.
    useSecureCookies: env.appUrl.startsWith('https://'),
    // The cookie's own lifetime; the idle and absolute limits are enforced on the claims below.
    session: { strategy: 'jwt', maxAge: limits.maxAgeSeconds },
    pages: { signIn: '/sign-in' },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        const now = nowSeconds();
        if (user?.id) return { ...token, sub: user.id, sv: user.sessionVersion ?? 0, authAt: now, seenAt: now };
        const claims = sessionClaimsSchema.safeParse(token);
        // Returning null ends the session (Auth.js clears the cookie where it can).
        if (!claims.success || !isSessionCurrent(claims.data, { now, limits })) return null;
        return { ...token, seenAt: now };
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub ?? '' }, sessionVersion: typeof token.sv === 'number' ? token.sv : undefined };
      },
      // Auth.js's own routes take a callbackUrl; only this app's paths are honoured, and a bad one never throws.
      redirect({ url, baseUrl }) {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || '/' : url;
        const safe = safeRedirectPath(path, baseUrl);
        return safe ? `${baseUrl}${safe}` : baseUrl;
      },
    },
  };
}
