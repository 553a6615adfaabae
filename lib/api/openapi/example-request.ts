import type { ApiExample, ApiOperation } from './api-operations';

/**
 * An operation's documented example as a curl command, for the OpenAPI document (`x-codeSamples`, and the
 * description read on /api-docs). `<name>` placeholders stand for ids an earlier call answers.
 */

export function hasExample(op: ApiOperation): op is ApiOperation & { example: ApiExample } {
  return op.example !== undefined;
}

/** As docs/api.md writes its calls: `$BASE` is the API's base (`http://localhost:3000/api/v1`), `$TOKEN` a token. */
export function exampleCurl(op: ApiOperation & { example: ApiExample }): string {
  const { params = {}, query, body } = op.example;
  const path = op.path.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
  const search = query ? `?${new URLSearchParams(query).toString()}` : '';
  const method = op.method.toUpperCase();
  const head = `curl -s${method === 'GET' ? '' : ` -X ${method}`} "$BASE${path}${search}" -H "Authorization: Bearer $TOKEN"`;
  return method === 'GET' ? head : `${head} -H 'Content-Type: application/json' -d '${JSON.stringify(body ?? {})}'`;
}
