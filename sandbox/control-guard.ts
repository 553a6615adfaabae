import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { jsonReply, type Reply } from './http';

/**
 * The control API and the virtual phone move money in the sandbox's world, and any web page a developer opens can
 * send requests to 127.0.0.1. So: loopback only (the listener, and the Host header against DNS rebinding), JSON on
 * every state-changing control call (a cross-site form or `no-cors` fetch cannot send it without a CORS preflight,
 * which this server never grants), an optional shared token, and a same-origin check on the phone's own form.
 */

export interface ControlSecurity {
  /** `SANDBOX_CONTROL_TOKEN`: when set, every control call must carry it. */
  controlToken?: string;
  /** `SANDBOX_ALLOW_NON_LOOPBACK=1`: listening beyond loopback (and any Host header) was asked for explicitly. */
  allowNonLoopback: boolean;
}

export const CONTROL_TOKEN_HEADER = 'x-sandbox-control-token';

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The hostname of a Host header (`127.0.0.1:4010`, `[::1]:4010`, `localhost`). */
function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function hostRefusal(security: ControlSecurity, headers: IncomingHttpHeaders): Reply | undefined {
  if (security.allowNonLoopback) return undefined;
  const host = headers.host ?? '';
  return isLoopbackHost(hostnameOf(host)) ? undefined : jsonReply(403, { error: 'the sandbox answers control and phone requests for loopback hosts only' });
}

/** Checks a `/__sandbox` call; undefined means go ahead. */
export function guardControl(security: ControlSecurity, method: string, path: string, headers: IncomingHttpHeaders): Reply | undefined {
  const host = hostRefusal(security, headers);
  if (host) return host;
  // The certificate is public (Safaricom's portal offers it to anyone) and the app downloads it in local mode.
  if (method === 'GET' && path === '/__sandbox/certificate.cer') return undefined;
  if (security.controlToken) {
    const given = headers[CONTROL_TOKEN_HEADER];
    if (typeof given !== 'string' || !sameSecret(given, security.controlToken)) {
      return jsonReply(401, { error: `missing or wrong ${CONTROL_TOKEN_HEADER}` });
    }
  }
  if (method !== 'GET' && method !== 'HEAD' && !/^application\/json\s*(;|$)/i.test(headers['content-type'] ?? '')) {
    return jsonReply(415, { error: 'control calls that change state need Content-Type: application/json' });
  }
  return undefined;
}

/** The phone page's PIN form may only be posted by the phone page itself, not by another site. */
export function guardPhoneForm(security: ControlSecurity, headers: IncomingHttpHeaders): Reply | undefined {
  const host = hostRefusal(security, headers);
  if (host) return host;
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return jsonReply(403, { error: 'cross-site phone answers are refused' });
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let sameOrigin = false;
    try {
      sameOrigin = new URL(origin).host === (headers.host ?? '');
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) return jsonReply(403, { error: 'cross-origin phone answers are refused' });
  } else if (origin === 'null') {
    return jsonReply(403, { error: 'cross-origin phone answers are refused' });
  }
  return undefined;
}
