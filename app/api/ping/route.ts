export const dynamic = 'force-dynamic';

/**
 * A true no-op: no database, no session, nothing read. The benches measure callback intake against it (the cost
 * of the server, the proxy and the route machinery alone); /api/health, which does a database round trip, is for
 * load balancers.
 */
export function GET(): Response {
  return new Response(null, { status: 204 });
}
