import { createDemoRandom } from '../../../db/demo-payments';
import { E2E_APP_URL } from '../../support/e2e-env';
import type { FieldKind, Principal, RouteRow } from '../route-table';
import { PRINCIPALS } from '../route-table';
import type { RawRequest } from './http';
import { urlPattern } from './routes-on-disk';

/**
 * Generated bad input, from a seeded PRNG so that a failure reproduces exactly (FUZZ_SEED). Every request is
 * invalid by construction: bad path segments, bad query strings, wrong methods, wrong or missing content
 * types, cross-origin calls, junk or oversized bodies, and JSON bodies with at least one field of a kind no
 * schema may accept. A valid request could move money; none is ever generated.
 */

export type Rng = () => number;

/** The demo data's deterministic PRNG (mulberry32): the same sequence everywhere for a seed. */
export const createRng = (seed: number): Rng => createDemoRandom(seed);

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** Path segments as sent on the wire (already percent-encoded, or deliberately not). */
export const BAD_SEGMENTS = [
  '-'.repeat(36),
  'not-an-id',
  '00000000-0000-0000-0000-00000000000g',
  '%00',
  '%00abc',
  '%E0%A4%A',
  '%25E0%25A4',
  '%',
  '%%',
  '%2',
  '%zz',
  '%C0%AE%C0%AE',
  '%FF%FE',
  '%uD800',
  '%0A',
  '%0D%0ASet-Cookie:%20x=1',
  '%7F',
  '%09',
  '%20',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%F0%9F%92%A5',
  "'%20OR%201%3D1--",
  '1%3B%20drop%20table%20users',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  'a'.repeat(4000),
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  'null',
  '%7B%7D',
  '%5B%5D',
  'ws_CO_%00',
] as const;

export const BAD_QUERIES = [
  '?next=%00',
  '?next=%2F%5Cevil.test',
  '?next=%2F%09%2Fevil.test',
  '?next=//evil.test',
  '?next=javascript:alert(1)',
  '?callbackUrl=javascript%3Aalert(1)',
  '?callbackUrl=%E0%A4%A',
  '?callbackUrl=foo',
  `?x=${'a'.repeat(6000)}`,
  '?%E0=1',
  '?a=%',
  '?a[]=1&a[]=2&a[]=3',
  '?changed=%0A',
  '?next=%F0%9F%92%A5',
  '?_rsc=%00x',
  '?page=-1&limit=1e309',
] as const;

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'text/html',
  'application/octet-stream',
  'application/jsonp',
  'json',
  '*/*',
] as const;

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/vnd.api+json'] as const;

/** Bodies that no JSON object schema accepts (or that are not JSON at all). */
const JUNK_BODIES: readonly (() => string | Buffer)[] = [
  () => '',
  () => 'null',
  () => '[]',
  () => '"a string"',
  () => '123',
  () => 'true',
  () => '{',
  () => '{"a":',
  () => '{"a" 1}',
  () => "{'single': 'quotes'}",
  () => '\u0000',
  () => Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x7b]),
  () => Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // a BOM, then {}
  () => `${'['.repeat(3000)}${']'.repeat(3000)}`,
  () => `{"a":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`,
  () => JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: { admin: true } } }),
  () => JSON.stringify(['x'.repeat(100)]),
  () => 'a=1&b=2',
  () => '<xml>&lt;</xml>',
  () => '------x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n------x--\r\n',
];

/** Values no field of that kind may take. */
const NEVER_VALID: Record<FieldKind, readonly unknown[]> = {
  id: ['-'.repeat(36), 'not-an-id', '', 'x\u0000', 123, null, true, [], {}, '00000000-0000-0000-0000-00000000000g', 'a'.repeat(5000)],
  text: ['a\u0000b', '\u0000', 'tab\there', 'rtl\u202eoverride', 'lone \ud800', 12, -0, null, true, [], ['x'], {}, { toString: 'x' }, 'x'.repeat(20_000), '\u0007bell'],
  kes: ['16', '0x10', '1e1', 'NaN', 'Infinity', true, [16], null, {}, 16.5, 0.1, -1, 0, 1e308, 2 ** 64, -(2 ** 63), 9_007_199_254_740_993, '', ' 16 '],
  boolean: ['true', 'yes', 1, 0, null, [], {}, 'x\u0000'],
  enum: ['', 'Refund\u0000', 'refund ', 'DROP', 1, null, [], {}, 'x'.repeat(1000)],
};

function corruptBody(rng: Rng, fields: Record<string, FieldKind>): Record<string, unknown> {
  // Start from plausible values so that the corruption, not a missing field, is what gets refused.
  const body: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    body[name] = { id: '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b', text: 'Fuzz remark', kes: 10, boolean: false, enum: 'Refund' }[kind];
  }
  const names = Object.keys(fields);
  const corrupt = 1 + Math.floor(rng() * Math.min(3, names.length));
  for (let i = 0; i < corrupt; i += 1) {
    const name = pick(rng, names);
    body[name] = pick(rng, NEVER_VALID[fields[name]!]);
  }
  if (rng() < 0.2) body[`extra${Math.floor(rng() * 100)}`] = pick(rng, NEVER_VALID.text);
  return body;
}

const fillPath = (row: RouteRow, rng: Rng, segment: () => string) =>
  urlPattern(row.file).replace(/\[\.\.\.[^\]]+\]/g, () => `${pick(rng, ['signin', 'callback/credentials', 'session', 'csrf', 'signout', 'nope', '..', ''])}`).replace(/\[[^\]]+\]/g, segment);

export interface FuzzCase {
  index: number;
  principal: Principal;
  description: string;
  request: RawRequest;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One generated request for `row`. */
export function generateCase(rng: Rng, index: number, row: RouteRow, { from }: { from: string }): FuzzCase {
  const principal = pick(rng, PRINCIPALS);
  const headers: Record<string, string> = {};
  const notes: string[] = [];
  let method: string = row.method;
  let body: string | Buffer | undefined;

  const badSegment = row.kind === 'callback' || rng() < 0.8;
  let path = fillPath(row, rng, () => (badSegment ? pick(rng, BAD_SEGMENTS) : 'not-the-secret'));
  if (row.kind === 'callback') path = path.replace(/\/[^/]*$/, `/${pick(rng, ['not-the-secret', ...BAD_SEGMENTS])}`);
  if (rng() < 0.3) {
    path += pick(rng, BAD_QUERIES);
    notes.push('bad query');
  }
  if (rng() < 0.06) {
    method = pick(rng, ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE'].filter((m) => m !== row.method));
    notes.push(`method ${method}`);
  }

  const stateChanging = STATE_CHANGING.has(method);
  if (stateChanging || rng() < 0.1) {
    // Which way this request is wrong. Routes without a described body get only what the request policy refuses
    // (any well-formed same-origin JSON might be a valid call to them), unless the path itself is bad.
    const pathIsBad = /\[/.test(urlPattern(row.file)) && badSegment && row.kind !== 'auth';
    const mayCarryJunkJson = row.kind === 'auth' || row.kind === 'callback' || Boolean(row.fuzz?.body) || pathIsBad || !stateChanging;
    const variant = pick(rng, mayCarryJunkJson ? ['content-type', 'cross-origin', 'oversize', 'junk-json', 'fields', 'fields'] : ['content-type', 'cross-origin', 'oversize', 'no-origin']);
    headers.origin = E2E_APP_URL;
    headers['content-type'] = pick(rng, JSON_TYPES);
    body = JSON.stringify({});
    if (variant === 'content-type') {
      const type = pick(rng, [...CONTENT_TYPES, '']);
      if (type) headers['content-type'] = type;
      else delete headers['content-type'];
      body = pick(rng, JUNK_BODIES)();
      notes.push(`content-type ${type || 'none'}`);
    } else if (variant === 'cross-origin') {
      headers.origin = pick(rng, ['https://evil.test', 'http://127.0.0.1:9', 'null', 'http://127.0.0.1:3130.evil.test', 'file://', '%00']);
      if (rng() < 0.5) headers['sec-fetch-site'] = pick(rng, ['cross-site', 'same-site', 'none']);
      notes.push(`origin ${headers.origin}`);
    } else if (variant === 'no-origin') {
      delete headers.origin;
      notes.push('no origin');
    } else if (variant === 'oversize') {
      body = JSON.stringify({ padding: 'x'.repeat(300 * 1024) });
      notes.push('300 KB body');
    } else if (variant === 'junk-json') {
      body = pick(rng, JUNK_BODIES)();
      notes.push('junk body');
    } else {
      const fields = row.fuzz?.body ?? { email: 'text', password: 'text', reason: 'text', amount: 'kes' };
      body = JSON.stringify(corruptBody(rng, fields));
      notes.push(`fields ${String(body).slice(0, 80)}`);
    }
  }

  // Sometimes a hostile header besides.
  const extra = rng();
  if (extra < 0.05) {
    headers.cookie = pick(rng, ['authjs.session-token=garbage', `authjs.session-token=${'a'.repeat(3000)}`, 'authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z', 'authjs.callback-url=javascript%3Aalert(1)', '__Secure-authjs.session-token=x']);
    notes.push('forged cookie');
  } else if (extra < 0.1) {
    headers.authorization = pick(rng, ['Bearer ', 'Bearer x', `Bearer ${'a'.repeat(2000)}`, 'Basic YWRtaW46aGF2ZW4tZGVtbw==', 'Bearer \u00e9'.replace('\u00e9', '%C3%A9')]);
    notes.push('authorization');
  } else if (extra < 0.14) {
    headers['x-forwarded-for'] = pick(rng, ['196.201.214.200', 'not-an-ip', '1.1.1.1, 2.2.2.2', '::1', '999.999.999.999']);
    notes.push('x-forwarded-for');
  } else if (extra < 0.17) {
    headers['next-action'] = pick(rng, ['0000000000000000000000000000000000000000', 'x', '%00']);
    notes.push('next-action');
  } else if (extra < 0.2) {
    headers.rsc = '1';
    headers['next-router-state-tree'] = pick(rng, ['garbage', '%5B%5D', '%7B%22a%22%3A1%7D', 'x'.repeat(2000)]);
    notes.push('rsc state tree');
  }

  return {
    index,
    principal,
    description: `#${index} ${principal} ${method} ${path.slice(0, 120)}${notes.length ? ` [${notes.join('; ')}]` : ''}`,
    request: { method, path, headers, body, from, headersOnly: row.stream },
  };
}
