import type { Metadata } from 'next';
import Link from 'next/link';
import { apiOperations, type ApiOperation } from '@/lib/api/openapi/api-operations';
import { describeOperationAccess } from '@/lib/api/openapi/build-openapi-document';
import { exampleCurl, hasExample } from '@/lib/api/openapi/example-request';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'API reference' };

const methodTone: Record<ApiOperation['method'], string> = {
  get: 'bg-sky-50 text-sky-800',
  post: 'bg-brand-50 text-brand-800',
  put: 'bg-amber-50 text-amber-900',
  patch: 'bg-amber-50 text-amber-900',
  delete: 'bg-red-50 text-red-800',
};

/** A readable reference of `/api/v1`, from the same table as the OpenAPI document; public, like the document. */
export default function ApiDocsPage() {
  const base = getEnv().appUrl;
  const tags = [...new Set(apiOperations.map((op) => op.tag))];
  const example = [
    `# The examples below use these two; each runs as written against the local sandbox.`,
    `BASE=${base}/api/v1 TOKEN=hvn_...`,
    '',
    `curl -X POST ${base}/api/v1/mpesa/stk-push \\`,
    '  -H "Authorization: Bearer $HAVEN_TOKEN" -H "Content-Type: application/json" \\',
    '  -H "Idempotency-Key: $(uuidgen)" \\',
    `  -d '{"phoneNumber":"254712345678","amount":1000,"accountReference":"Rent-Jan-2024","leaseId":"<lease id>"}'`,
    '',
    `curl ${base}/api/v1/mpesa/status-detailed/<checkoutRequestId> -H "Authorization: Bearer $HAVEN_TOKEN"`,
  ].join('\n');
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Haven API</h1>
        <p className="text-sm text-slate-700">
          Make a token on <Link className="underline" href="/account">your account page</Link> and send it as <code>Authorization: Bearer &lt;token&gt;</code>. A token
          acts as you, within its scopes: <code>read</code> (every GET), <code>collect</code> (STK push), <code>payout</code> (payouts, refunds, reversals, approvals,
          balance) and <code>admin</code> (every other change). Money-moving POSTs take an <code>Idempotency-Key</code> header: a repeat within 24 hours returns the
          first answer. Errors are <code>{'{ "error": { "code", "message" } }'}</code>. Machine-readable: <a className="underline" href="/api/v1/openapi.json">openapi.json</a>.
        </p>
        <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs text-slate-100">{example}</pre>
      </header>
      {tags.map((tag) => (
        <section key={tag} className="space-y-2">
          <h2 className="text-lg font-semibold">{tag}</h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {apiOperations.filter((op) => op.tag === tag).map((op) => (
              <li key={`${op.method} ${op.path}`} className="space-y-1 p-3 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={`rounded px-1.5 py-0.5 font-mono text-xs uppercase ${methodTone[op.method]}`}>{op.method}</span>
                  <code className="break-all">{op.path}</code>
                </div>
                <p>{op.summary}</p>
                <p className="text-xs text-slate-500">{describeOperationAccess(op).description}</p>
                {hasExample(op) && (
                  <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs text-slate-800" aria-label={`Example: answers ${op.example.status}`}>
                    {exampleCurl(op)}
                  </pre>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
