/**
 * How the chaos driver talks to Haven: as a browser would, with a session cookie and the app's own Origin. An app
 * that is down (killed on purpose) answers with status 0 instead of throwing, so callers decide whether to retry.
 */

export interface HttpAnswer {
  /** 0 when the app could not be reached or dropped the connection. */
  status: number;
  json: unknown;
  text: string;
}

export const DEMO_PASSWORD = 'haven-demo';

export async function call(base: string, path: string, { method = 'GET', cookie, body, timeoutMs = 30_000 }: { method?: string; cookie?: string; body?: unknown; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { origin: base };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, json, text };
  } catch (error) {
    return { status: 0, json: null, text: error instanceof Error ? error.message : String(error) };
  }
}

/** Signs in through Auth.js's own routes (CSRF token, then the credentials form) and returns the session cookie. */
export async function signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = csrf.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie: csrfCookies },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/' }).toString(),
  });
  const session = res.headers.getSetCookie().find((line) => line.startsWith('authjs.session-token='));
  if (!session) throw new Error(`could not sign in as ${email}: HTTP ${res.status} ${res.headers.get('location') ?? ''}`);
  return session.split(';')[0]!;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds, or throws after `timeoutMs` with the last value seen. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, { timeoutMs, intervalMs = 250, what }: { timeoutMs: number; intervalMs?: number; what: string }): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(intervalMs);
  }
}
