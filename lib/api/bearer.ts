/**
 * `Authorization: Bearer <token>`: the one condition under which a request is authenticated by a token instead
 * of the session cookie. Such a request never carries cookie authority: the proxy drops its cookies, and
 * `getCaller` ignores the session for it. It is exempt from the CSRF rule for the same reason (a browser never
 * adds this header to a cross-site request by itself).
 */
export function isBearerRequest(headers: Pick<Headers, 'get'>): boolean {
  return /^bearer\s+\S/i.test(headers.get('authorization') ?? '');
}

/**
 * The proxy tells route handlers which method and path a bearer request was made to (a token's scope depends on
 * them, and `headers()` does not carry the path). Set by the proxy on every bearer request, removed from every
 * other one, so a client can never supply it.
 */
export const BEARER_ROUTE_HEADER = 'x-haven-bearer-route';

export function formatBearerRoute({ method, pathname }: { method: string; pathname: string }): string {
  return `${method.toUpperCase()} ${pathname}`;
}

export function parseBearerRoute(value: string | null): { method: string; pathname: string } | null {
  const match = /^([A-Z]+) (\/\S*)$/.exec(value ?? '');
  return match ? { method: match[1]!, pathname: match[2]! } : null;
}
