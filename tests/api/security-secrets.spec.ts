import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { registerPaybillUrls, startAppInstance } from '../support/app-instance';
import { E2E_APP_URL } from '../support/e2e-env';
import { closeAgents, send } from './support/http';
import { cookieHeader, userIdOf } from './support/sessions';
import { forgeSessionCookie } from './support/tokens';

/**
 * Issue 14, item 1 (secrets) and the HTTPS half of items 6 and 7, against the built app: the Playwright app
 * refuses a token forged with the public demo secret; a production server refuses to start with demo secrets;
 * a local production build warns; behind an https APP_URL the app sends HSTS and Secure cookies.
 */

// Public, in lib/env.ts: anyone can forge tokens with it. The Playwright app has a secret of its own.
const DEMO_AUTH_SECRET = 'haven-local-demo-auth-secret-not-for-production';
// The second app instance these tests start listens on a port that is free now (other test runs share the machine).
let SECOND_PORT = 0;

test.beforeAll(async () => {
  SECOND_PORT = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
});

test.afterAll(() => closeAgents());

test('a session token forged with the demo AUTH_SECRET opens nothing', async () => {
  const adminId = await userIdOf('admin@example.com');
  const cookie = await forgeSessionCookie({ secret: DEMO_AUTH_SECRET, sub: adminId });
  const api = await send({ path: '/api/v1/mpesa/balance/latest', headers: { cookie } });
  expect(api.status).toBe(401);
  const page = await send({ path: '/admin', headers: { cookie } });
  expect(page.status).toBe(307);
  expect(page.headers.location).toMatch(/\/sign-in/);
});

// Unsetting a secret: the app reads an empty value as unset, which falls back to the demo value.
const DEMO_SECRETS = { AUTH_SECRET: '', MPESA_CALLBACK_SECRET: '' };

for (const environment of ['sandbox', 'production'] as const) {
  test(`with MPESA_ENVIRONMENT=${environment} and the demo secrets, the server refuses to start`, async () => {
    test.setTimeout(120_000);
    const started = startAppInstance({ port: SECOND_PORT, env: { ...DEMO_SECRETS, MPESA_ENVIRONMENT: environment, HAVEN_SWEEP_INTERVAL_SECONDS: '0' } });
    const refusal = await started.then(
      (app) => {
        app.kill('SIGKILL');
        return 'it started';
      },
      (error: unknown) => String(error),
    );
    expect(refusal).toMatch(/exited while starting/);
    expect(refusal).toMatch(/Refusing to start/);
    expect(refusal).toMatch(/AUTH_SECRET is unset or its public demo value/);
    expect(refusal).toMatch(/MPESA_CALLBACK_SECRET is unset or its public demo value/);
  });
}

test('a local production build with demo secrets warns loudly; behind https it sends HSTS and Secure cookies', async () => {
  test.setTimeout(180_000);
  const app = await startAppInstance({ port: SECOND_PORT, env: { ...DEMO_SECRETS, APP_URL: 'https://haven.test', HAVEN_SWEEP_INTERVAL_SECONDS: '0' } });
  try {
    expect(app.output()).toMatch(/PUBLIC DEMO AUTH_SECRET, MPESA_CALLBACK_SECRET/);

    const page = await send({ port: SECOND_PORT, path: '/sign-in' });
    expect(page.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');

    // Signing in over Auth.js's routes: every cookie it sets is Secure, the session one __Secure- prefixed.
    const csrf = await send({ port: SECOND_PORT, path: '/api/auth/csrf' });
    const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
    const signIn = await send({
      port: SECOND_PORT,
      method: 'POST',
      path: '/api/auth/callback/credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${SECOND_PORT}`, cookie: cookieHeader(csrf.setCookies) },
      body: new URLSearchParams({ csrfToken, email: 'tenant@example.com', password: 'haven-demo', callbackUrl: '/' }).toString(),
    });
    const session = signIn.setCookies.find((line) => line.startsWith('__Secure-authjs.session-token='));
    expect(session, signIn.setCookies.join('\n')).toBeDefined();
    for (const line of [...csrf.setCookies, ...signIn.setCookies]) expect(line).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/HttpOnly/i);

    // The plain-http Playwright app sends no HSTS (browsers would ignore it there anyway).
    expect((await send({ path: '/sign-in' })).headers['strict-transport-security']).toBeUndefined();
  } finally {
    app.kill();
    await app.exited;
    // Every instance registers its paybill URLs with the sandbox on start: point them back at the main app.
    await registerPaybillUrls(E2E_APP_URL);
  }
});
