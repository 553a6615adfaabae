import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { discoverRoutes, urlPattern } from '@/tests/api/support/routes-on-disk';
import { apiOperations } from './api-operations';
import { buildOpenApiDocument } from './build-openapi-document';

/**
 * Issue 15, "Done when": the OpenAPI document validates (ReadMe's OpenAPI parser, against the 3.1 schema and its
 * own extra rules) and holds exactly the `/api/v1` operations that exist as route files, method by method.
 */

const document = buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' });

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(document.openapi).toBe('3.1.0');
    // A copy: validation dereferences the document it is given.
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    // …and the validator does look: a parameter in a path that does not declare it is refused.
    const broken = structuredClone(document);
    broken.paths = { ...broken.paths, '/api/v1/nothing': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: {} } } };
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('has every /api/v1 route on disk with every method it exports, and nothing else', () => {
    const onDisk = discoverRoutes()
      .filter((route) => route.kind === 'route' && urlPattern(route.file).startsWith('/api/v1/'))
      .flatMap((route) => route.methods.map((method) => `${method} ${urlPattern(route.file).replace(/\[(\w+)\]/g, '{$1}')}`))
      .sort();
    const documented = Object.entries(document.paths ?? {})
      .flatMap(([path, item]) => Object.keys(item ?? {}).filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key)).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(onDisk);
  });

  it('documents the write-up’s fields: phoneNumber on STK push and b2c, status-detailed’s messages, Idempotency-Key on money out', () => {
    const json = JSON.stringify(document);
    for (const field of ['userMessage', 'statusIcon', 'mpesaReceiptNumber', 'resultDescription', 'phoneNumber', 'accountReference', 'Idempotency-Key']) expect(json).toContain(field);
    const b2c = document.paths?.['/api/v1/mpesa/b2c']?.post;
    expect(JSON.stringify(b2c)).toContain('Idempotency-Key');
    expect(b2c?.description).toContain('`payout` scope');
  });

  it('gives every public call a runnable example (tests/api/openapi-examples.spec.ts runs them), served as x-example', () => {
    // The public calls: the write-up's, and the REST resources' reads and money actions.
    const PUBLIC = /^\/api\/v1\/(mpesa\/(stk-push|status|status-detailed|b2c|reverse|reversal|balance)|payments|leases|payouts|reversals|balance-checks)(\/\{\w+\}(\/(approve|reject|withdraw))?|\/latest)?$/;
    const isPublic = (op: (typeof apiOperations)[number]) => op.access === 'token' && !op.deprecated && PUBLIC.test(op.path) && !(op.method === 'post' && op.path === '/api/v1/leases');
    const missing = apiOperations.filter((op) => isPublic(op) && !op.example).map((op) => `${op.method} ${op.path}`);
    expect(missing).toEqual([]);
    expect(apiOperations.filter(isPublic).length).toBeGreaterThan(25);
    const stk = document.paths?.['/api/v1/mpesa/stk-push']?.post as Record<string, unknown> | undefined;
    expect(stk?.['x-example']).toMatchObject({ status: 201, body: { accountReference: 'WC-1' } });
    expect(JSON.stringify(stk?.['x-codeSamples'])).toContain('curl -s -X POST');
    // The example's status is the documented success response.
    expect(Object.keys(stk?.responses as object)).toContain('201');
  });
});
