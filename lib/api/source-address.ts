import { isIP } from 'node:net';
import { getEnv } from '@/lib/env';

/**
 * The client's address, the one input every throttle and the callback allow-list key on.
 *
 * The peer of the TCP connection comes from `server.mjs` (header `x-haven-peer`, stamped with a per-process
 * secret so a client cannot supply it). With TRUSTED_PROXY_HOPS = n > 0, the proxies in front of us each append
 * the address they saw to X-Forwarded-For; the client is then the n-th address from the right of
 * `X-Forwarded-For + peer`. Anything further left was written by the client and is ignored.
 */

type HeaderSource = Pick<Headers, 'get'>;

let warnedUnstamped = false;

export function getSourceAddress(request: Request | { headers: HeaderSource }): string | null {
  return resolveSourceAddress({
    headers: request.headers,
    trustedHops: getEnv().trustedProxyHops,
    stamp: process.env.HAVEN_PEER_STAMP,
    production: process.env.NODE_ENV === 'production',
  });
}

/** The pure rule behind `getSourceAddress`, for tests. */
export function resolveSourceAddress({
  headers,
  trustedHops,
  stamp,
  production,
}: {
  headers: HeaderSource;
  trustedHops: number;
  stamp: string | undefined;
  production: boolean;
}): string | null {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const peer = readPeer(headers, stamp);
  let chain: string[];
  if (peer !== undefined) {
    chain = [...forwarded, peer];
  } else if (!production) {
    // `next dev`: Next.js put the socket's address last when the client sent no X-Forwarded-For. Good enough
    // for development, where nothing is exposed.
    chain = forwarded;
  } else {
    if (!warnedUnstamped) {
      warnedUnstamped = true;
      console.warn('Haven: requests do not come through server.mjs (`npm start`), so client addresses are unknown; throttles pool them.');
    }
    return null;
  }
  const candidate = chain[chain.length - 1 - trustedHops] ?? chain[0];
  return candidate ? normalizeAddress(candidate) : null;
}

function readPeer(headers: HeaderSource, stamp: string | undefined): string | undefined {
  const value = headers.get('x-haven-peer');
  if (!stamp || !value || !value.startsWith(`${stamp} `)) return undefined;
  return value.slice(stamp.length + 1);
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything that is not an IP address (a forged header, say) → null. */
export function normalizeAddress(value: string): string | null {
  const trimmed = value.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  const address = mapped ? mapped[1]! : trimmed;
  return isIP(address) ? address : null;
}
