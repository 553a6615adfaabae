/**
 * The per-request security headers the proxy adds. The fixed ones (nosniff, Referrer-Policy, Permissions-Policy,
 * X-Frame-Options, cross-origin isolation) are in next.config.mjs, so static files get them too.
 *
 * Pages get a nonce-based CSP: Next.js reads the nonce from the request's CSP header and puts it on its own
 * scripts; 'strict-dynamic' lets those load the rest of the bundle. Nothing third-party is allowed anywhere.
 */

export function createNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

export function pageContentSecurityPolicy({ nonce, dev, https }: { nonce: string; dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // The development overlay injects inline styles (a nonce would make browsers ignore 'unsafe-inline').
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** JSON and event streams are never documents: they may load and embed nothing. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, the HSTS preload list's minimum; only sent when APP_URL is https (browsers ignore it over http). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/**
 * The headers proxy.ts puts on every API response, for the few routes it does not run for (Daraja's callbacks, see
 * its matcher): nothing cached, nothing embedded, HSTS behind HTTPS.
 */
export function withApiSecurityHeaders<R extends Response>(response: R, { https }: { https: boolean }): R {
  response.headers.set('content-security-policy', API_CONTENT_SECURITY_POLICY);
  response.headers.set('cache-control', 'no-store');
  if (https) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  return response;
}
