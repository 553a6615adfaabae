/**
 * A DATABASE_URL as postgres.js takes it, plus libpq's `?host=/run/postgresql` for a Unix socket (postgres.js reads a
 * socket only from its `path` option, and would send an unknown `host` parameter to the server, which refuses it).
 * A Postgres on the same machine is much cheaper over its socket than over loopback TCP: on the 2-core bench machine
 * a fifth of the app's CPU went to writing statements to the TCP socket while it applied callbacks.
 */
export function readPostgresUrl(url: string): { url: string; path?: string } {
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get('host');
  if (!socketDir?.startsWith('/')) return { url };
  parsed.searchParams.delete('host');
  return { url: parsed.toString(), path: `${socketDir.replace(/\/$/, '')}/.s.PGSQL.${parsed.port || '5432'}` };
}
