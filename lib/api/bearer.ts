/**
 * `Authorization: Bearer <token>`: the one condition under which a request is authenticated by a token instead
 * of the session cookie. Such a request never carries cookie authority: the proxy drops its cookies, and
 * `getCaller` ignores the session for it. It is exempt from the CSRF rule for the same reason (a browser never
 * adds this header to a cross-site request by itself).
 */
export function isBearerRequest(headers: Pick<Headers, 'get'>): boolean {
  return /^bearer\s+\S/i.test(headers.get('authorization') ?? '');
}
