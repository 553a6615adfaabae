/**
 * Headers every response carries, static files included. The per-request ones (the nonce CSP, HSTS, no-store
 * on API responses) are added by proxy.ts.
 */
const fixedSecurityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Nothing in Haven uses these; a page that is somehow made to ask gets no.
  {
    key: 'Permissions-Policy',
    value:
      'accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(), xr-spatial-tracking=()',
  },
  // For browsers that predate CSP frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, and
  // argon2 is a native addon: neither may be bundled. rate-limiter-flexible imports drizzle-orm by a computed
  // name at run time, which only Node's own resolver can follow.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres', 'rate-limiter-flexible'],
  poweredByHeader: false,
  // The proxy buffers request bodies so the route handler can read them again; beyond this size it silently cuts
  // them. Deposit-deduction evidence may be 4 files of 5 MB (lib/api/read-body.ts EVIDENCE_UPLOAD_LIMIT_BYTES);
  // every other route is held to 256 KB by the request policy.
  experimental: { proxyClientMaxBodySize: '21mb' },
  typedRoutes: false,
  // `npm test` runs `tsc --noEmit` over the whole project (tests included) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: '/:path*', headers: fixedSecurityHeaders }];
  },
};

export default nextConfig;
