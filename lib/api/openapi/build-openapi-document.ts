import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { requiredScopeFor } from '@/lib/api-tokens/token-scopes';
import { apiOperations, type ApiOperation } from './api-operations';
import { exampleCurl, hasExample } from './example-request';
import { errorResponseSchema } from './response-schemas';

/** The OpenAPI 3.1 document of `/api/v1`, built from the operation table and the routes' own zod schemas. */

const ERRORS: Record<string, string> = {
  '400': 'Invalid request (the first field at fault is named in `error.message`; all in `error.details.fields`)',
  '401': 'No session and no valid API token (unknown, expired or revoked)',
  '403': 'The token lacks the scope this call needs, or the request is cross-origin',
  '404': 'Not found, or not yours (existence is not revealed)',
  '409': 'Conflict with the current state (or the same Idempotency-Key is still being processed)',
  '422': 'The Idempotency-Key was already used with a different request',
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorResponseSchema } } });

function pathParams(path: string) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return names.length ? z.object(Object.fromEntries(names.map((name) => [name, z.string()]))) : undefined;
}

export function describeOperationAccess(op: ApiOperation): { security: RouteConfig['security']; description: string } {
  if (op.access === 'callback') return { security: [], description: 'Called by M-Pesa (Daraja), not by integrators. The last path segment is the callback secret.' };
  if (op.access === 'public') return { security: [], description: 'No sign-in needed.' };
  if (op.access === 'session') return { security: [{ session: [] }], description: 'Signed-in session only: an API token cannot manage tokens.' };
  const scope = requiredScopeFor({ method: op.method, pathname: op.path.replace(/\{\w+\}/g, 'x') });
  return { security: [{ bearer: [] }, { session: [] }], description: `With an API token: needs the \`${scope}\` scope. The same role checks apply as for the token's owner.` };
}

function toRouteConfig(op: ApiOperation): RouteConfig {
  const { security, description } = describeOperationAccess(op);
  const params = pathParams(op.path);
  const headers = op.idempotent ? z.object({ 'Idempotency-Key': z.string().min(1).max(255).optional().describe('Repeats within 24 h return the first answer; money moves once') }) : undefined;
  const example = op.example?.body ? { example: op.example.body } : {};
  const body = op.body
    ? { content: { [op.multipart ? 'multipart/form-data' : 'application/json']: { schema: op.body, ...example } } }
    : op.multipart
      ? { content: { 'multipart/form-data': { schema: z.object({}).catchall(z.unknown()) } } }
      : undefined;
  const ok = op.produces
    ? { description: 'OK', content: { [op.produces]: { schema: z.string() } } }
    : { description: 'OK', content: { 'application/json': { schema: op.response ?? z.object({}).catchall(z.unknown()) } } };
  // A documented example's success status is the operation's (201 created, 202 accepted); otherwise 200.
  const okStatus = op.example && op.example.status < 300 ? String(op.example.status) : '200';
  const responses: RouteConfig['responses'] = { [okStatus]: ok };
  if (op.access !== 'callback') for (const [status, text] of Object.entries(ERRORS)) responses[status] = errorResponse(text);
  // The example as a runnable curl command (tests/api/openapi-examples.spec.ts runs each one against the sandbox).
  const sample = hasExample(op) ? exampleCurl(op) : null;
  return {
    method: op.method,
    path: op.path,
    summary: op.summary,
    description: sample ? `${description}\n\nExample (answers ${op.example!.status}):\n\n    ${sample}` : description,
    // x-example: the example as data, for tests/api/openapi-examples.spec.ts, which runs it against the served document.
    ...(sample ? { 'x-codeSamples': [{ lang: 'Shell', label: 'curl', source: sample }], 'x-example': op.example } : {}),
    tags: [op.tag],
    security,
    request: { ...(params ? { params } : {}), ...(op.query ? { query: op.query } : {}), ...(headers ? { headers } : {}), ...(body ? { body } : {}) },
    responses,
    ...(op.deprecated ? { deprecated: true } : {}),
  };
}

export function buildOpenApiDocument({ serverUrl }: { serverUrl: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'A personal access token (hvn_…), made on /account' });
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'The app’s own session' });
  for (const op of apiOperations) registry.registerPath(toRouteConfig(op));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Haven API',
      version: '1.0.0',
      description: 'Rent collection on M-Pesa. Authenticate with `Authorization: Bearer <token>`; errors are `{ "error": { "code", "message", "details"? } }`.',
    },
    servers: [{ url: serverUrl }],
  });
}
