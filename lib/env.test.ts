import { describe, expect, it } from 'vitest';
import { DEMO_APP_SECRETS, DEMO_AUTH_SECRET, DEMO_CALLBACK_SECRET, DEMO_PASSKEY, parseEnv } from './env';

const real = {
  AUTH_SECRET: 'Zq3v0k9Xb1mN8pR2sT5wY7aC4dF6gH0jK2lM4nP6qR8=',
  MPESA_CALLBACK_SECRET: '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a0c2e4f',
  MPESA_CONSUMER_KEY: 'portal-key',
  MPESA_CONSUMER_SECRET: 'portal-secret',
  HAVEN_ENCRYPTION_KEY: '3b9f1c7e5a2d8b4f6e0c1a9d7b5f3e2c8a6d4b0f9e7c5a3d1b8f6e4c2a0d9b7f',
};

describe('demo secrets (issue 14, item 1)', () => {
  it.each(['sandbox', 'production'])('refuses to start with MPESA_ENVIRONMENT=%s and any demo secret', (environment) => {
    const production = environment === 'production' ? { MPESA_CALLBACK_URL: 'https://haven.example/cb', MPESA_PASSKEY: 'real-passkey', SMTP_URL: 'smtps://mail.haven.example:465' } : {};
    // Every demo secret on its own is enough to refuse, whether left unset or set to its demo value.
    for (const name of Object.keys(DEMO_APP_SECRETS)) {
      const unset = { ...real, ...production, MPESA_ENVIRONMENT: environment, [name]: undefined };
      expect(() => parseEnv(unset), `${name} unset`).toThrow(new RegExp(`${name} is unset or its public demo value`));
      const demo = { ...real, ...production, MPESA_ENVIRONMENT: environment, [name]: DEMO_APP_SECRETS[name] };
      expect(() => parseEnv(demo), `${name} = demo`).toThrow(new RegExp(name));
    }
    expect(() => parseEnv({ ...real, ...production, MPESA_ENVIRONMENT: environment, MPESA_CONSUMER_KEY: undefined })).toThrow(/MPESA_CONSUMER_KEY/);
    expect(parseEnv({ ...real, ...production, MPESA_ENVIRONMENT: environment }).demoSecretsInUse).toEqual([]);
  });

  it('refuses short secrets outside local, and Safaricom’s public sandbox values in production', () => {
    expect(() => parseEnv({ ...real, MPESA_ENVIRONMENT: 'sandbox', AUTH_SECRET: 'short-but-not-demo' })).toThrow(/AUTH_SECRET must be at least 32 characters/);
    const production = { ...real, MPESA_ENVIRONMENT: 'production', MPESA_CALLBACK_URL: 'https://haven.example/cb', SMTP_URL: 'smtps://mail.haven.example:465' };
    expect(() => parseEnv({ ...production, MPESA_PASSKEY: DEMO_PASSKEY })).toThrow(/MPESA_PASSKEY/);
    expect(() => parseEnv({ ...production, MPESA_PASSKEY: 'real', MPESA_CALLBACK_URL: undefined })).toThrow(/MPESA_CALLBACK_URL/);
    // Safaricom's sandbox works with its public passkey: only production refuses it.
    expect(parseEnv({ ...real, MPESA_ENVIRONMENT: 'sandbox', MPESA_PASSKEY: DEMO_PASSKEY }).mpesa.passkey).toBe(DEMO_PASSKEY);
  });

  it('starts locally with the demo secrets and reports them for the start-up warning', () => {
    const env = parseEnv({ NODE_ENV: 'production' });
    expect(env.authSecret).toBe(DEMO_AUTH_SECRET);
    expect(env.mpesa.callbackSecret).toBe(DEMO_CALLBACK_SECRET);
    expect(env.demoSecretsInUse).toEqual(['AUTH_SECRET', 'MPESA_CALLBACK_SECRET', 'HAVEN_ENCRYPTION_KEY']);
    // The Playwright app: local, production build, its own secrets: nothing to warn about.
    expect(parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'e2e-auth-secret-only-for-tests', MPESA_CALLBACK_SECRET: 'e2e', HAVEN_ENCRYPTION_KEY: real.HAVEN_ENCRYPTION_KEY }).demoSecretsInUse).toEqual([]);
  });

  it('parses the proxy hops and session limits', () => {
    expect(parseEnv({}).trustedProxyHops).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: '2', SESSION_IDLE_MINUTES: '15', SESSION_MAX_HOURS: '8' })).toMatchObject({
      trustedProxyHops: 2,
      session: { idleSeconds: 900, maxAgeSeconds: 28_800 },
    });
    expect(() => parseEnv({ TRUSTED_PROXY_HOPS: '-1' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe('callback URLs Safaricom accepts', () => {
  it('registers callbacks under /api/v1/hooks by default (no "mpesa" in the URL), and there is a route for each path we register', async () => {
    const { findForbiddenCallbackWords } = await import('./mpesa/callback-url-words');
    const { existsSync } = await import('node:fs');
    const env = parseEnv({ APP_URL: 'https://haven.example' });
    expect(env.mpesa.callbackBaseUrl).toBe('https://haven.example/api/v1/hooks');
    expect(findForbiddenCallbackWords(`${env.mpesa.callbackBaseUrl}/c2b/confirmation/${env.mpesa.callbackSecret}`)).toEqual([]);
    // The callback paths lib/payments passes to callbackUrl(): each has its handler under app/api/v1/hooks.
    for (const path of ['callback', 'b2c/result', 'b2c/timeout', 'reversal/result', 'reversal/timeout', 'balance/result', 'balance/timeout', 'transaction-status/result', 'transaction-status/timeout', 'c2b/confirmation', 'c2b/validation']) {
      expect(existsSync(`app/api/v1/hooks/${path}/[secret]/route.ts`), path).toBe(true);
    }
  });

  it('refuses, in production, a callback URL or secret containing a word Safaricom refuses', () => {
    const production = { ...real, MPESA_ENVIRONMENT: 'production', MPESA_PASSKEY: 'real', SMTP_URL: 'smtps://mail.haven.example:465' };
    expect(parseEnv({ ...production, MPESA_CALLBACK_URL: 'https://haven.example/api/v1/hooks' }).mpesa.callbackBaseUrl).toBe('https://haven.example/api/v1/hooks');
    expect(() => parseEnv({ ...production, MPESA_CALLBACK_URL: 'https://haven.example/api/v1/mpesa' })).toThrow(/MPESA_CALLBACK_URL contains "mpesa"/);
    expect(() => parseEnv({ ...production, MPESA_CALLBACK_URL: 'https://haven.example/api/v1/hooks', MPESA_CALLBACK_SECRET: `${real.MPESA_CALLBACK_SECRET}sql` })).toThrow(/MPESA_CALLBACK_SECRET contains "sql"/);
  });
});
