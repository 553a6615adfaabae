import type { IncomingHttpHeaders } from 'node:http';
import type { Sandbox } from '../context';
import { gatewayError, jsonReply, resetReply, type Reply } from '../http';
import { gatewayFault } from '../pipeline';
import { sleep } from '../scheduler';

function issue(sandbox: Sandbox, headers: IncomingHttpHeaders, query: URLSearchParams): Reply {
  const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!match) return gatewayError('400.008.01', 'Invalid Authentication passed');
  if (query.get('grant_type') !== 'client_credentials') return gatewayError('400.008.02', 'Invalid grant type passed');
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const known = colon > 0 && sandbox.world.consumerApps.get(key)?.secret === secret;
  if (!known) {
    // SPEC §14.1: production answered an empty 400; SDK mocks the envelope. Configurable.
    return sandbox.config.oauthBadCredentialsBody === 'empty'
      ? { status: 400, body: '', contentType: 'application/json;charset=UTF-8' }
      : gatewayError('400.008.01', 'Invalid Authentication passed');
  }
  const ttl = sandbox.config.tokenTtlSeconds;
  // expires_in is a string on the wire in every raw capture (SPEC §2).
  return jsonReply(200, { access_token: sandbox.tokens.issue(ttl), expires_in: String(ttl) });
}

export async function handleOauth(sandbox: Sandbox, headers: IncomingHttpHeaders, query: URLSearchParams): Promise<Reply> {
  const reset = sandbox.faults.take('oauth', 'reset-connection');
  if (reset?.after === 'before-work') return resetReply;
  const slow = sandbox.faults.take('oauth', 'slow-ack');
  const reply = gatewayFault(sandbox, 'oauth') ?? issue(sandbox, headers, query);
  if (slow) await sleep(slow.delayMs);
  return reset ? resetReply : reply;
}
