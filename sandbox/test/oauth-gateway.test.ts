import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../tests/support/sandbox-process';
import { b2cBody, getToken, post, stkBody, wire } from './daraja-client';

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.stop());
beforeEach(() => sb.control.reset());

const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
const oauth = (auth: string | undefined, grant = 'client_credentials') =>
  wire(`${sb.url}/oauth/v1/generate?grant_type=${grant}`, { headers: auth ? { authorization: auth } : {} });

describe('OAuth', () => {
  it('issues an alphanumeric token with expires_in as the string "3599"', async () => {
    const r = await oauth(basic('haven_local_consumer_key:haven_local_consumer_secret'));
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/"expires_in":"3599"/);
    const body = r.json as { access_token: string; expires_in: unknown };
    expect(body.access_token).toMatch(/^[A-Za-z0-9]{28}$/);
  });

  it('answers the v2 path the same way', async () => {
    const r = await wire(`${sb.url}/oauth/v2/generate?grant_type=client_credentials`, {
      headers: { authorization: basic('haven_local_consumer_key:haven_local_consumer_secret') },
    });
    expect(r.status).toBe(200);
    expect((r.json as { expires_in: string }).expires_in).toBe('3599');
  });

  it('rejects a non-Basic scheme with 400.008.01 and a wrong grant type with 400.008.02', async () => {
    const a = await oauth('Bearer abc');
    expect(a.status).toBe(400);
    expect(a.json).toMatchObject({ errorCode: '400.008.01', errorMessage: 'Invalid Authentication passed' });
    const b = await oauth(basic('haven_local_consumer_key:haven_local_consumer_secret'), 'password');
    expect(b.status).toBe(400);
    expect(b.json).toMatchObject({ errorCode: '400.008.02', errorMessage: 'Invalid grant type passed' });
  });

  it('answers wrong credentials with HTTP 400, envelope or empty body by config', async () => {
    const a = await oauth(basic('haven_local_consumer_key:nope'));
    expect(a.status).toBe(400);
    expect(a.json).toMatchObject({ errorCode: '400.008.01' });
    await sb.control.setConfig({ oauthBadCredentialsBody: 'empty' });
    const b = await oauth(basic('someone:else'));
    expect(b.status).toBe(400);
    expect(b.text).toBe('');
  });

  it('honours the token TTL from config', async () => {
    await sb.control.setConfig({ tokenTtlSeconds: 1 });
    const r = await oauth(basic('haven_local_consumer_key:haven_local_consumer_secret'));
    expect((r.json as { expires_in: string }).expires_in).toBe('1');
    const token = (r.json as { access_token: string }).access_token;
    await new Promise((res) => setTimeout(res, 1100));
    const stale = await post(sb.url, '/mpesa/stkpush/v1/processrequest', token, stkBody());
    expect(stale.status).toBe(404);
    expect(stale.json).toMatchObject({ errorCode: '404.001.03', errorMessage: 'Invalid Access Token' });
  });
});

describe('gateway envelope', () => {
  it('uses the hand-written template with a requestId and the status from the code', async () => {
    const r = await post(sb.url, '/mpesa/stkpush/v1/processrequest', 'not-a-token', stkBody());
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(r.text).toMatch(/"requestId":"[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\d{4,7}"/);
    expect(r.text).toContain('"errorCode": "404.001.03"');
    expect(r.text).toContain('"errorMessage": "Invalid Access Token"');
  });

  it('reports an expired token as 401.002.01 on B2C', async () => {
    const token = await getToken(sb.url);
    await sb.control.expireTokens();
    const r = await post(sb.url, '/mpesa/b2c/v3/paymentrequest', token, b2cBody('x'));
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ errorCode: '401.002.01', errorMessage: `Error Occurred - Invalid Access Token - ${token}` });
  });

  it('blames the first field when Content-Type is not JSON', async () => {
    const token = await getToken(sb.url);
    const stk = await wire(`${sb.url}/mpesa/stkpush/v1/processrequest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: JSON.stringify(stkBody()),
    });
    expect(stk.status).toBe(400);
    expect(stk.json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid BusinessShortCode' });
    const rev = await wire(`${sb.url}/mpesa/reversal/v1/request`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(rev.json).toMatchObject({ errorMessage: 'Bad Request - Invalid RecieverIdentifierType' });
  });

  it('rejects an unparseable body with 400.002.05', async () => {
    const token = await getToken(sb.url);
    const r = await post(sb.url, '/mpesa/transactionstatus/v1/query', token, '{"Initiator":');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ errorCode: '400.002.05', errorMessage: 'Invalid Request Payload' });
  });

  it('answers unknown paths with 404.001.01 and wrong methods with 405.001', async () => {
    const a = await wire(`${sb.url}/mpesa/nothing/v1/here`, { method: 'POST' });
    expect(a.status).toBe(404);
    expect(a.json).toMatchObject({ errorCode: '404.001.01' });
    const b = await wire(`${sb.url}/mpesa/stkpush/v1/processrequest`);
    expect(b.status).toBe(405);
    expect(b.json).toMatchObject({ errorCode: '405.001', errorMessage: 'GET Method Not Allowed' });
  });

  it('serves its certificate, reused from the data directory', async () => {
    const r = await wire(`${sb.url}/__sandbox/certificate.cer`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('-----BEGIN CERTIFICATE-----');
    expect(await sb.control.certificate()).toBe(r.text);
  });
});
