/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, and
  // argon2 is a native addon: neither may be bundled. rate-limiter-flexible imports drizzle-orm by a computed
  // name at run time, which only Node's own resolver can follow.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres', 'rate-limiter-flexible'],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs `tsc --noEmit` over the whole project (tests included) once; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
