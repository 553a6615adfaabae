import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { e2eAppEnv } from '../support/e2e-env';
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

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startSecondServer(env: Record<string, string | undefined>): Started {
  let output = '';
  const child = spawn(process.execPath, ['server.mjs', '-p', String(SECOND_PORT), '-H', '127.0.0.1'], {
    env: { ...process.env, ...e2eAppEnv, HAVEN_SWEEP_INTERVAL_SECONDS: '0', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function stop(server: Started): Promise<void> {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  await server.exited;
}

for (const environment of ['sandbox', 'production'] as const) {
  test(`with MPESA_ENVIRONMENT=${environment} and the demo secrets, the server refuses to start`, async () => {
    test.setTimeout(120_000);
    const server = startSecondServer({ MPESA_ENVIRONMENT: environment, AUTH_SECRET: undefined, MPESA_CALLBACK_SECRET: undefined });
    try {
      expect(await server.exited).not.toBe(0);
      expect(server.output()).toMatch(/Refusing to start/);
      expect(server.output()).toMatch(/AUTH_SECRET is unset or its public demo value/);
      expect(server.output()).toMatch(/MPESA_CALLBACK_SECRET is unset or its public demo value/);
    } finally {
      await stop(server);
    }
  });
}

test('a local production build with demo secrets warns loudly; behind https it sends HSTS and Secure cookies', async () => {
  test.setTimeout(180_000);
  const server = startSecondServer({ AUTH_SECRET: undefined, MPESA_CALLBACK_SECRET: undefined, APP_URL: 'https://haven.test' });
  try {
    await expect.poll(async () => (await send({ port: SECOND_PORT, path: '/api/health' }).catch(() => ({ status: 0 }))).status, { timeout: 120_000 }).toBe(200);
    expect(server.output()).toMatch(/PUBLIC DEMO AUTH_SECRET, MPESA_CALLBACK_SECRET/);

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
    await stop(server);
  }
});
