import type { IncomingHttpHeaders } from 'node:http';
import type { Sandbox } from './context';
import type { FaultApi } from './faults';
import { fieldBodyOrThrow } from './pipeline-body';
import { GatewayError, gatewayError, resetReply, type Reply } from './http';
import { sleep } from './scheduler';

export interface DarajaRoute {
  api: FaultApi;
  /** SPEC §2: STK answers 404.001.03 for a stale token; the B2C and balance pages list 401.002.01. */
  tokenError: '404' | '401';
  /** SPEC §1.1: without `Content-Type: application/json` Daraja blames the first field. */
  firstField: string;
  handle(sandbox: Sandbox, body: Record<string, unknown>): Promise<Reply>;
}

/** Faults that replace the gateway's answer: 5xx, spike arrest. Checked before anything else, like Apigee does. */
export function gatewayFault(sandbox: Sandbox, api: FaultApi): Reply | undefined {
  const httpError = sandbox.faults.take(api, 'http-error');
  if (httpError?.status === 503) {
    return { status: 503, body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', contentType: 'text/html' };
  }
  if (httpError) return gatewayError('500.003.1001', 'Internal Server Error');
  if (sandbox.faults.take(api, 'spike-arrest')) return gatewayError('500.003.02', 'Error Occurred: Spike Arrest Violation');
  return undefined;
}

async function authorised(sandbox: Sandbox, route: DarajaRoute, headers: IncomingHttpHeaders, rawBody: string): Promise<Reply> {
  const auth = headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!match) return gatewayError('404.001.04', 'Invalid Authentication Header');
  const token = match[1] ?? '';
  if (!sandbox.tokens.isValid(token)) {
    return route.tokenError === '401'
      ? gatewayError('401.002.01', `Error Occurred - Invalid Access Token - ${token}`)
      : gatewayError('404.001.03', 'Invalid Access Token');
  }
  const contentType = headers['content-type'] ?? '';
  if (!/application\/json/i.test(contentType)) return gatewayError('400.002.02', `Bad Request - Invalid ${route.firstField}`);
  const body = fieldBodyOrThrow(rawBody);
  return route.handle(sandbox, body);
}

export async function runDarajaRoute(sandbox: Sandbox, route: DarajaRoute, headers: IncomingHttpHeaders, rawBody: string): Promise<Reply> {
  const reset = sandbox.faults.take(route.api, 'reset-connection');
  if (reset?.after === 'before-work') return resetReply;
  const slow = sandbox.faults.take(route.api, 'slow-ack');
  let reply = gatewayFault(sandbox, route.api);
  if (!reply) {
    try {
      reply = await authorised(sandbox, route, headers, rawBody);
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      reply = err.reply;
    }
  }
  // The work is done and the answer is ready; only its delivery is late, as when a gateway stalls.
  if (slow) await sleep(slow.delayMs);
  return reset ? resetReply : reply;
}
