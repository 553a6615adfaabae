import { existsSync } from 'node:fs';

const SOCKET_DIR = '/var/run/postgresql';

/**
 * The bench's own database on the local PostgreSQL, over its Unix socket when there is one (as a server with the
 * database beside it would be set up: loopback TCP cost the app a fifth of its CPU while applying callbacks), else
 * over TCP. BENCH_DATABASE_URL overrides it.
 */
export function localBenchDatabaseUrl(name: string): string {
  const socket = existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`) ? `?host=${SOCKET_DIR}` : '';
  return process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${name}${socket}`;
}
