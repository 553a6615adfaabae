import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { queryE2eDb, resetStkThrottle } from '../support/e2e-db';
import { E2E_APP_URL } from '../support/e2e-env';
import { closeAgents, send, type RawResponse } from './support/http';
import { ensureDemoAgencyUser, signedInCookie } from './support/sessions';

/**
 * Issue 15, item 4: every example in the served OpenAPI document (`x-example`) runs as documented against the built
 * app and the sandbox, with real tokens, and answers its documented status with a body the documented JSON schema
 * of that status accepts. The steps below run them in an order where each `<placeholder>` has been answered by an
 * earlier call; the step list must name every operation that has an example, so a new example is run or this fails.
 * (tests: lib/api/openapi/openapi-document.test.ts checks that every public call has an example.)
 *
 * docs/api.md's curl commands are the same calls: each is parsed (method, path, body) and must be an operation's
 * example; where a step's operation has one, the step sends the request parsed from the docs, port changed.
 */

test.describe.configure({ mode: 'serial' });

const FROM = '127.0.0.43';
type Who = 'admin' | 'admin2' | 'landlord';

interface DocumentedExample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  status: number;
}
interface Example {
  key: string;
  method: string;
  path: string;
  example: DocumentedExample;
  /** The JSON schema documented for the example's status, if the answer is JSON. */
  schema?: unknown;
}
interface Request {
  method: string;
  path: string;
  body?: unknown;
}

interface Step {
  op: string;
  as: Who;
  /** Placeholders this step's answer provides, as paths into its JSON body. */
  captures?: Record<string, string>;
}

const STEPS: Step[] = [
  { op: 'POST /api/v1/mpesa/stk-push', as: 'admin', captures: { checkoutRequestId: 'checkoutRequestId' } },
  // (the test then waits for the payment to be credited: receipt, paymentId, leaseId)
  { op: 'GET /api/v1/mpesa/status/{checkoutRequestId}', as: 'admin' },
  { op: 'GET /api/v1/mpesa/status-detailed/{checkoutRequestId}', as: 'admin' },
  { op: 'GET /api/v1/payments', as: 'admin' },
  { op: 'GET /api/v1/payments/{id}', as: 'admin' },
  { op: 'GET /api/v1/leases', as: 'admin' },
  { op: 'GET /api/v1/leases/{id}', as: 'admin' },
  { op: 'POST /api/v1/mpesa/b2c', as: 'admin', captures: { payoutId: 'payout.id' } },
  { op: 'GET /api/v1/mpesa/b2c', as: 'admin' },
  { op: 'GET /api/v1/mpesa/b2c/{id}', as: 'admin' },
  { op: 'GET /api/v1/payouts', as: 'admin' },
  { op: 'GET /api/v1/payouts/{id}', as: 'admin' },
  { op: 'POST /api/v1/payouts', as: 'admin2', captures: { ownWaitingPayoutId: 'payout.id' } },
  { op: 'POST /api/v1/payouts/{id}/withdraw', as: 'admin2' },
  { op: 'POST /api/v1/payouts', as: 'admin2', captures: { waitingPayoutId: 'payout.id' } },
  { op: 'POST /api/v1/payouts/{id}/reject', as: 'admin' },
  { op: 'POST /api/v1/payouts', as: 'admin2', captures: { waitingPayoutId: 'payout.id' } },
  { op: 'POST /api/v1/payouts/{id}/approve', as: 'admin' },
  // The example payment reversed by its landlord: withdrawn, asked again and rejected, asked again and approved.
  { op: 'POST /api/v1/reversals', as: 'landlord', captures: { ownWaitingReversalId: 'reversal.id' } },
  { op: 'POST /api/v1/reversals/{id}/withdraw', as: 'landlord' },
  { op: 'POST /api/v1/mpesa/reverse', as: 'landlord', captures: { waitingReversalId: 'reversal.id' } },
  { op: 'POST /api/v1/reversals/{id}/reject', as: 'admin' },
  { op: 'POST /api/v1/reversals', as: 'landlord', captures: { waitingReversalId: 'reversal.id', reversalId: 'reversal.id' } },
  { op: 'POST /api/v1/reversals/{id}/approve', as: 'admin' },
  { op: 'GET /api/v1/reversals', as: 'admin' },
  { op: 'GET /api/v1/reversals/{id}', as: 'admin' },
  { op: 'GET /api/v1/mpesa/reversal/{id}', as: 'admin' },
  { op: 'POST /api/v1/mpesa/balance', as: 'admin', captures: { balanceCheckId: 'check.id' } },
  { op: 'POST /api/v1/balance-checks', as: 'admin' },
  { op: 'GET /api/v1/balance-checks', as: 'admin' },
  { op: 'GET /api/v1/balance-checks/{id}', as: 'admin' },
  { op: 'GET /api/v1/mpesa/balance', as: 'admin' },
  { op: 'GET /api/v1/mpesa/balance/latest', as: 'admin' },
];

let examples = new Map<string, Example>();
const tokens = {} as Record<Who, string>;
const values: Record<string, string> = {};

// ---- docs/api.md's curl commands -------------------------------------------------------------------------------

interface CurlCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  source: string;
}

/** The words of a shell command line: single- and double-quoted strings and bare words (what the docs use). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function parseCurl(source: string): CurlCall {
  const words = shellWords(source);
  const call: CurlCall = { method: 'GET', path: '', headers: {}, source };
  for (let i = 1; i < words.length; i += 1) {
    const word = words[i]!;
    if (word === '-X') call.method = words[++i]!;
    else if (word === '-H') {
      const [name, ...rest] = words[++i]!.split(':');
      call.headers[name!.trim().toLowerCase()] = rest.join(':').trim();
    } else if (word === '-d') call.body = JSON.parse(words[++i]!);
    else if (word.startsWith('$BASE')) call.path = `/api/v1${word.slice('$BASE'.length)}`;
  }
  if (call.body !== undefined && call.method === 'GET') call.method = 'POST';
  return call;
}

const docCurls = [...readFileSync('docs/api.md', 'utf8').matchAll(/```bash\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1]!.split('\n'))
  .filter((line) => line.startsWith('curl '))
  .map(parseCurl);

/** An example as a request; `<name>` placeholders are filled from `values` when known. */
function exampleRequest(op: Example, fillIn: (text: string) => string = (t) => t): Request {
  const { params = {}, query, body } = op.example;
  const path = op.path.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : fillIn(params[name])));
  return {
    method: op.method,
    path: `${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`,
    body: op.method === 'GET' ? undefined : JSON.parse(fillIn(JSON.stringify(body ?? {}))),
  };
}

/** The example operation a docs call is, placeholders as they are (both write them `<name>`). */
function operationOfCurl(call: CurlCall): Example | undefined {
  return [...examples.values()].find((op) => {
    const request = exampleRequest(op);
    return request.method === call.method && request.path === call.path && JSON.stringify(request.body ?? null) === JSON.stringify(call.body ?? (call.method === 'GET' ? null : {}));
  });
}

// ---- running ---------------------------------------------------------------------------------------------------

async function makeToken(email: string, name: string): Promise<string> {
  const cookie = await signedInCookie(email, { from: FROM });
  const res = await send({
    method: 'POST',
    path: '/api/v1/tokens',
    from: FROM,
    headers: { cookie, origin: E2E_APP_URL, 'content-type': 'application/json' },
    body: JSON.stringify({ name, scopes: ['read', 'collect', 'payout'], expiresInDays: 1 }),
  });
  expect(res.status, res.text).toBe(201);
  return (JSON.parse(res.text) as { secret: string }).secret;
}

function call(token: string, request: Request, extraHeaders: Record<string, string> = {}): Promise<RawResponse> {
  const body = request.method === 'GET' ? undefined : JSON.stringify(request.body ?? {});
  return send({
    method: request.method,
    path: request.path,
    from: FROM,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...extraHeaders },
    body,
  });
}

const at = (value: unknown, dotted: string): unknown => dotted.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
const fill = (text: string) => text.replace(/<(\w+)>/g, (whole, name: string) => values[name] ?? whole);

test.beforeAll(async () => {
  const served = await send({ path: '/api/v1/openapi.json', from: FROM });
  expect(served.status).toBe(200);
  const document = JSON.parse(served.text) as { paths: Record<string, Record<string, { 'x-example'?: DocumentedExample; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };
  examples = new Map(
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => operation['x-example'] !== undefined)
        .map(([method, operation]): [string, Example] => {
          const example = operation['x-example']!;
          const key = `${method.toUpperCase()} ${path}`;
          return [key, { key, method: method.toUpperCase(), path, example, schema: operation.responses[String(example.status)]?.content?.['application/json']?.schema }];
        }),
    ),
  );
  await ensureDemoAgencyUser('examples-second-admin@example.com', 'admin');
  tokens.admin = await makeToken('admin@example.com', 'OpenAPI examples');
  tokens.admin2 = await makeToken('examples-second-admin@example.com', 'OpenAPI examples (second admin)');
  tokens.landlord = await makeToken('landlord@example.com', 'OpenAPI examples (landlord)');
  // The example prompt goes to Esther's lease (WC-1): nothing else in this run may have one open on it.
  await resetStkThrottle('admin@example.com');
  await resetStkThrottle('esther@example.com');
});
test.afterAll(() => closeAgents());

test('docs/api.md’s curl commands are the documented examples', () => {
  expect(docCurls.length).toBeGreaterThan(5);
  for (const curl of docCurls) expect(operationOfCurl(curl), curl.source).toBeDefined();
});

test('the steps run every operation that has an example, and every public call has one', () => {
  expect([...new Set(STEPS.map((s) => s.op))].sort()).toEqual([...examples.keys()].sort());
});

test('every documented example answers its documented status and schema', async () => {
  test.setTimeout(240_000);
  for (const step of STEPS) {
    const op = examples.get(step.op)!;
    const fromDocs = docCurls.find((c) => operationOfCurl(c) === op);
    const request: Request = fromDocs ? { method: fromDocs.method, path: fill(fromDocs.path), body: JSON.parse(fill(JSON.stringify(fromDocs.body ?? {}))) } : exampleRequest(op, fill);
    expect(`${request.path} ${JSON.stringify(request.body ?? null)}`, `${step.op}: a placeholder nothing answered yet`).not.toMatch(/<\w+>/);
    const headers = fromDocs ? Object.fromEntries(Object.entries(fromDocs.headers).filter(([name]) => name === 'idempotency-key')) : {};
    const res = await call(tokens[step.as], request, headers);
    expect(res.status, `${step.op} as ${step.as} (${request.method} ${request.path}): ${res.text}`).toBe(op.example.status);
    const json: unknown = JSON.parse(res.text);
    if (op.schema) {
      // The documented JSON schema, as zod: what a client generated from the document would expect.
      const parsed = z.fromJSONSchema(op.schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(json);
      expect(parsed.success, `${step.op}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}`).toBe(true);
    }
    for (const [name, dotted] of Object.entries(step.captures ?? {})) {
      const value = at(json, dotted);
      expect(typeof value, `${step.op}: ${dotted}`).toBe('string');
      values[name] = value as string;
    }

    if (step.op === 'POST /api/v1/mpesa/stk-push') {
      // Esther's phone approves by itself; the payment is credited once M-Pesa's records confirm it.
      const detailed = () => call(tokens.admin, { method: 'GET', path: `/api/v1/mpesa/status-detailed/${values.checkoutRequestId}` }).then((r) => JSON.parse(r.text) as Record<string, string>);
      // (the receipt number may follow the payment by a moment: Haven confirms it with M-Pesa's records)
      await expect.poll(async () => { const d = await detailed(); return [d.paymentId, d.mpesaReceiptNumber]; }, { timeout: 60_000 }).toEqual([expect.any(String), expect.any(String)]);
      const status = await detailed();
      Object.assign(values, { receipt: status.mpesaReceiptNumber!, paymentId: status.paymentId!, leaseId: status.leaseId! });
      const [lease] = await queryE2eDb<{ account_reference: string }>('select account_reference from leases where id = $1', [status.leaseId!]);
      expect(lease?.account_reference).toBe('WC-1');
    }
  }
});
