// Copied next to the hello-world app when the pay-page bench builds it (tests/bench/support/hello-world-app.ts).
// Its node_modules is a link to the repository's: Turbopack's root must contain both, so the bench passes it in.
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: true },
  turbopack: { root: process.env.HELLO_WORLD_TURBOPACK_ROOT },
};

export default nextConfig;
