import { expect, test } from '@playwright/test';
import { queryE2eDb } from '../support/e2e-db';
import { E2E_CALLBACK_SECRET } from '../support/e2e-env';
import { closeAgents, send } from './support/http';
import { ensureDemoAgencyUser, signInOverHttp } from './support/sessions';

/**
 * Issue 14, items 4 and 5, against the built app. Each test connects from its own loopback address
 * (127.0.0.x), which is what the app must key on — not X-Forwarded-For, which any client can write (the app runs
 * with TRUSTED_PROXY_HOPS=0 and MPESA_CALLBACK_ALLOWED_IPS=127.0.0.1,::1).
 */

test.afterAll(() => closeAgents());

const callback = (from: string, headers: Record<string, string> = {}) =>
  send({ method: 'POST', path: `/api/v1/mpesa/callback/${E2E_CALLBACK_SECRET}`, from, headers: { 'content-type': 'application/json', ...headers }, body: '{"Body":{}}' });

test('the callback allow-list uses the connection’s address: X-Forwarded-For cannot get a stranger in', async () => {
  const before = await queryE2eDb<{ n: string }>('select count(*)::text as n from callback_inbox');
  for (const forwarded of ['127.0.0.1', '196.201.214.200', '127.0.0.1, 127.0.0.1', '::1']) {
    const res = await callback('127.0.0.2', { 'x-forwarded-for': forwarded, 'x-real-ip': '127.0.0.1' });
    expect(res.status, forwarded).toBe(403);
  }
  const after = await queryE2eDb<{ n: string }>('select count(*)::text as n from callback_inbox');
  expect(after[0]!.n).toBe(before[0]!.n);
  // From an allowed address the same callback is stored and answered (X-Forwarded-For changes nothing either way).
  expect((await callback('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200);
});

test('a new X-Forwarded-For per attempt does not spread guesses over many addresses', async () => {
  const email = 'xff-probe@example.com';
  await ensureDemoAgencyUser(email);
  for (let i = 0; i < 5; i += 1) {
    const res = await signInOverHttp(email, { password: `wrong-${i}`, from: '127.0.0.3', headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-real-ip': `198.51.100.${i + 1}` } });
    expect(res).toEqual({ ok: false, code: 'invalid' });
  }
  // Five failures from one connection's address, whatever each claimed: that address now waits.
  const res = await signInOverHttp(email, { from: '127.0.0.3', headers: { 'x-forwarded-for': '198.51.100.99' } });
  expect(res).toEqual({ ok: false, code: 'throttled' });
});

test('guessing from one address slows that address; the real user still signs in from theirs and from a new one', async () => {
  const email = 'cynthia@example.com';
  // Cynthia's usual address: she has signed in from it before.
  expect((await signInOverHttp(email, { from: '127.0.0.5' })).ok).toBe(true);
  for (let i = 0; i < 5; i += 1) expect(await signInOverHttp(email, { password: `guess-${i}`, from: '127.0.0.4' })).toEqual({ ok: false, code: 'invalid' });
  // The attacker's address must now wait, even with the right password …
  expect(await signInOverHttp(email, { from: '127.0.0.4' })).toEqual({ ok: false, code: 'throttled' });
  // … while Cynthia is not locked out: neither from her usual address nor from a new one.
  expect((await signInOverHttp(email, { from: '127.0.0.5' })).ok).toBe(true);
  expect((await signInOverHttp(email, { from: '127.0.0.6' })).ok).toBe(true);
});
