// Haven's production HTTP entry point (`npm start`): Next.js behind a thin Node server that tells the app which
// address each connection really comes from.
//
// Why not plain `next start`: Next.js sets X-Forwarded-For to the socket's address only when the client did not
// send one, so a client can claim any address and the app can no longer tell. Here every request carries the
// socket's peer address in `x-haven-peer`, prefixed with a random per-process stamp that a client cannot guess;
// `lib/api/source-address.ts` reads it, together with X-Forwarded-For up to TRUSTED_PROXY_HOPS.
//
// Usage: node server.mjs [-p port] [-H hostname]   (defaults: $PORT or 3000, all interfaces)
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import next from 'next';

// Next.js's own parser for its router-state header: a malformed header would otherwise be a 500.
const { parseAndValidateFlightRouterState } = createRequire(import.meta.url)('next/dist/server/app-render/parse-and-validate-flight-router-state');

const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
  allowPositionals: false,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;

const stamp = randomBytes(18).toString('base64url');
process.env.HAVEN_PEER_STAMP = stamp;

const app = next({ dev: false, hostname: hostname ?? 'localhost', port });
const handle = app.getRequestHandler();

try {
  await app.prepare();
} catch (error) {
  console.error('Haven could not start:', error);
  process.exit(1);
}

// Methods the Fetch API cannot represent: Next.js would fail to build a Request for them and answer 500.
const UNSUPPORTED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

function refuse(res, status, code, message) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify({ error: { code, message } }));
}

// lib/api/request-policy.ts's rule for paths, for the requests proxy.ts does not see (Daraja's callbacks): Next.js
// answers a path it cannot decode (`/api/v1/mpesa/callback/%FF`) with a bare 500 before any handler runs.
const CONTROL_CHARACTER = new RegExp(`[${String.fromCodePoint(0)}-${String.fromCodePoint(0x1f)}${String.fromCodePoint(0x7f)}]`);

function isWellFormedTarget(url) {
  const queryAt = url.indexOf('?');
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const search = queryAt === -1 ? '' : url.slice(queryAt);
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return !CONTROL_CHARACTER.test(decoded) && !/%00/.test(search);
}

/** Bad input that Next.js itself would answer with a 500, refused before it gets there. */
function refuseMalformed(req, res) {
  if (UNSUPPORTED_METHODS.has(req.method)) {
    refuse(res, 405, 'method_not_allowed', `${req.method} is not supported`);
    return true;
  }
  if (!isWellFormedTarget(req.url ?? '/')) {
    refuse(res, 400, 'invalid_request', 'The address contains characters that are not allowed');
    return true;
  }
  const routerState = req.headers['next-router-state-tree'];
  if (routerState !== undefined) {
    try {
      parseAndValidateFlightRouterState(routerState);
    } catch {
      refuse(res, 400, 'invalid_request', 'Malformed router state header');
      return true;
    }
  }
  return false;
}

const server = createServer((req, res) => {
  if (refuseMalformed(req, res)) return;
  req.headers['x-haven-peer'] = `${stamp} ${req.socket.remoteAddress ?? ''}`;
  // Present (even empty) so that Next.js does not fill it with the peer itself: the header keeps meaning
  // "what the proxies in front of us reported", and the peer is read from x-haven-peer.
  req.headers['x-forwarded-for'] ??= '';
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Haven listening on http://${hostname ?? 'localhost'}:${port}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  // Open event streams would otherwise hold the shutdown for minutes.
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
