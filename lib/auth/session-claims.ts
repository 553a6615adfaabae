import { z } from 'zod';

/**
 * What Haven keeps in a session token besides the user id: the user's session version when it was issued (checked
 * against the database on every request), when the person signed in (absolute limit) and when they were last seen
 * (idle limit; the proxy refreshes it on every request).
 */
export const sessionClaimsSchema = z.object({
  sub: z.string().min(1),
  sv: z.number().int().min(0),
  authAt: z.number().int().positive(),
  seenAt: z.number().int().positive(),
});

export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

export interface SessionLimits {
  idleSeconds: number;
  maxAgeSeconds: number;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A session idle for longer than the idle limit, or older than the absolute limit, has ended. */
export function isSessionCurrent(claims: SessionClaims, { now, limits }: { now: number; limits: SessionLimits }): boolean {
  return now - claims.seenAt <= limits.idleSeconds && now - claims.authAt <= limits.maxAgeSeconds && claims.seenAt <= now + 60;
}
