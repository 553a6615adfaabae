import { expect, test } from '@playwright/test';
import { E2E_APP_URL } from '../support/e2e-env';
import { PRINCIPALS, routeTable, type Principal, type RouteCase, type RouteRow } from './route-table';
import { createFixtures, signInPrincipals, type Cookies } from './support/fixtures';
import { closeAgents, send, type RawResponse } from './support/http';
import { discoverRoutes, urlPattern } from './support/routes-on-disk';

/**
 * Issue 14, "Done when" 1: every page and route handler × anonymous, tenant, landlord, admin and another agency's
 * admin, with ids of their own and of others, answers exactly the status the route table states; every
 * state-changing API route refuses cross-origin and non-JSON requests; every API response is `no-store`.
 * The rows are in route-table.ts (its header says how to add one).
 */

test.describe.configure({ mode: 'serial' });

let cookies: Cookies;
let ids: Record<string, string>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cookies = await signInPrincipals();
  ids = await createFixtures(cookies);
});
test.afterAll(() => closeAgents());

function pathFor(row: RouteRow, c: RouteCase): string {
  if (c.path) return c.path;
  const path = urlPattern(row.file).replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const param = c.params?.[name];
    if (param === undefined) throw new Error(`${row.file}: case "${c.name}" has no value for [${name}]`);
    const value = typeof param === 'string' ? ids[param] : param.literal;
    if (value === undefined) throw new Error(`${row.file}: unknown id ${String(param)}`);
    return encodeURIComponent(value);
  });
  return `${path}${c.query ?? ''}`;
}

/** `"$lease.other"` in a body is replaced by that fixture's id. */
function resolveBody(body: unknown): unknown {
  if (typeof body === 'string' && body.startsWith('$')) {
    const value = ids[body.slice(1)];
    if (value === undefined) throw new Error(`unknown fixture ${body}`);
    return value;
  }
  if (Array.isArray(body)) return body.map(resolveBody);
  if (body && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, resolveBody(v)]));
  return body;
}

function call(row: RouteRow, c: RouteCase, principal: Principal, overrides: Record<string, string> = {}): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  const cookie = cookies[principal];
  if (cookie) headers.cookie = cookie;
  let body: string | undefined;
  if (row.method !== 'GET' && c.form) {
    const boundary = 'haven-matrix-boundary';
    body = Object.entries(c.form).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('') + `--${boundary}--\r\n`;
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    headers.origin = E2E_APP_URL;
  } else if (row.method !== 'GET') {
    body = JSON.stringify(resolveBody(c.body ?? {}));
    headers['content-type'] = 'application/json';
    // Daraja sends no Origin: callbacks are exercised as it calls them.
    if (row.kind !== 'callback') headers.origin = E2E_APP_URL;
  }
  // An override of '' removes the header.
  const merged = Object.fromEntries(Object.entries({ ...headers, ...overrides }).filter(([, value]) => value !== ''));
  return send({ method: row.method, path: pathFor(row, c), headers: merged, body, headersOnly: row.stream });
}

test('every page and route handler has a row in the route table', () => {
  const onDisk = discoverRoutes();
  const missing = onDisk.flatMap((route) =>
    route.methods.filter((method) => !routeTable.some((row) => row.file === route.file && row.method === method)).map((method) => `${method} ${route.file}`),
  );
  expect(missing, `Add a row for each of these to tests/api/route-table.ts (the expected status for every principal; see its header):\n${missing.join('\n')}`).toEqual([]);
  const stale = routeTable.filter((row) => !onDisk.some((route) => route.file === row.file && route.methods.includes(row.method))).map((row) => `${row.method} ${row.file}`);
  expect(stale, 'These rows of tests/api/route-table.ts name a route or method that no longer exists: remove them').toEqual([]);
  for (const row of routeTable) expect(Object.keys(row.cases[0].expect).sort(), `${row.file}: the first case must state every principal`).toEqual([...PRINCIPALS].sort());
});

for (const row of routeTable) {
  test(`${row.method} ${urlPattern(row.file)}`, async () => {
    const failures: string[] = [];
    for (const c of row.cases) {
      for (const [principal, expected] of Object.entries(c.expect) as [Principal, number][]) {
        const res = await call(row, c, principal);
        const where = `${principal} · ${c.name} · ${row.method} ${pathFor(row, c)}`;
        if (res.status !== expected) failures.push(`${where}: expected ${expected}, got ${res.status} ${res.text.slice(0, 160)}`);
        if (pathFor(row, c).startsWith('/api/') && !/\bno-store\b/.test(res.headers['cache-control'] ?? '')) {
          failures.push(`${where}: API response without Cache-Control: no-store (${res.headers['cache-control'] ?? 'none'})`);
        }
      }
    }

    // The CSRF rule, generated for every state-changing route: as the admin, with the first case's request.
    if (row.method !== 'GET' && row.kind !== 'callback' && row.kind !== 'page') {
      const first = row.cases[0];
      const attempts: [string, Record<string, string>, number][] = [
        ['from another origin', { origin: 'http://127.0.0.1:9' }, 403],
        ['from another site', { origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' }, 403],
        ['with no Origin at all', { origin: '' }, 403],
      ];
      if (row.kind === 'api') attempts.push(['as text/plain', { 'content-type': 'text/plain' }, 415], ['as a form', { 'content-type': 'application/x-www-form-urlencoded' }, 415]);
      for (const [name, headers, expected] of attempts) {
        const res = await call(row, first, 'admin', headers);
        if (res.status !== expected) failures.push(`CSRF · ${name}: expected ${expected}, got ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
}
