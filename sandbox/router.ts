import type { IncomingMessage } from 'node:http';
import { handleAtControl, handleAtMessaging } from './apis/africastalking';
import { b2cV1Route, b2cV3Route } from './apis/b2c';
import { balanceRoute } from './apis/balance';
import { c2bRegisterV1Route, c2bRegisterV2Route, c2bSimulateRoute } from './apis/c2b';
import { handleOauth } from './apis/oauth';
import { pullQueryRoute, pullRegisterRoute } from './apis/pull';
import { reversalRoute } from './apis/reversal';
import { statusRoute } from './apis/status';
import { stkPushRoute } from './apis/stk';
import { stkQueryRoute } from './apis/stk-query';
import type { Sandbox } from './context';
import { gatewayError, readBody, type Reply } from './http';
import { handleControl } from './control';
import { guardControl, guardPhoneForm } from './control-guard';
import { phoneAnswer, phoneListPage, phonePage, phoneSignature } from './phone-page';
import { runDarajaRoute, type DarajaRoute } from './pipeline';

const darajaRoutes: Record<string, DarajaRoute> = {
  '/mpesa/stkpush/v1/processrequest': stkPushRoute,
  '/mpesa/stkpushquery/v1/query': stkQueryRoute,
  '/mpesa/b2c/v1/paymentrequest': b2cV1Route,
  '/mpesa/b2c/v3/paymentrequest': b2cV3Route,
  '/mpesa/reversal/v1/request': reversalRoute,
  '/mpesa/accountbalance/v1/query': balanceRoute,
  '/mpesa/transactionstatus/v1/query': statusRoute,
  '/mpesa/c2b/v1/registerurl': c2bRegisterV1Route,
  '/mpesa/c2b/v2/registerurl': c2bRegisterV2Route,
  '/mpesa/c2b/v1/simulate': c2bSimulateRoute,
  '/mpesa/c2b/v2/simulate': c2bSimulateRoute,
  // No `/mpesa` prefix (SPEC §9.5).
  '/pulltransactions/v1/register': pullRegisterRoute,
  '/pulltransactions/v1/query': pullQueryRoute,
};

const OAUTH_PATHS = new Set(['/oauth/v1/generate', '/oauth/v2/generate']);

export async function route(sandbox: Sandbox, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);

  if (OAUTH_PATHS.has(path)) {
    if (method !== 'GET') return gatewayError('405.001', `${method} Method Not Allowed`);
    return handleOauth(sandbox, req.headers, url.searchParams);
  }
  const daraja = darajaRoutes[path];
  if (daraja) {
    if (method !== 'POST') return gatewayError('405.001', `${method} Method Not Allowed`);
    return runDarajaRoute(sandbox, daraja, req.headers, raw);
  }
  // Africa's Talking's SMS API, and its control routes behind the same guard as the rest (sandbox/apis/africastalking.ts).
  if (path === '/version1/messaging') return handleAtMessaging(sandbox, method, req.headers, raw);
  if (path.startsWith('/__sandbox/africastalking/')) {
    return guardControl(sandbox.security, method, path, req.headers) ?? handleAtControl(sandbox, method, path.slice('/__sandbox/africastalking/'.length), raw);
  }
  if (path === '/__sandbox' || path.startsWith('/__sandbox/')) {
    return guardControl(sandbox.security, method, path, req.headers) ?? handleControl(sandbox, method, path, raw, url.searchParams);
  }
  if (path === '/' || path === '/phone') return method === 'GET' ? phoneListPage(sandbox) : gatewayError('405.001', `${method} Method Not Allowed`);
  const phone = /^\/phone\/(\d+)(\/answer|\/signature)?$/.exec(path);
  if (phone?.[1]) {
    if (phone[2] === '/answer' && method === 'POST') return guardPhoneForm(sandbox.security, req.headers) ?? phoneAnswer(sandbox, phone[1], raw);
    if (phone[2] === '/signature' && method === 'GET') return phoneSignature(sandbox, phone[1]);
    if (!phone[2] && method === 'GET') return phonePage(sandbox, phone[1]);
  }
  return gatewayError('404.001.01', 'Resource not found');
}
