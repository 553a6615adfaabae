import { describe, expect, it } from 'vitest';
import { DEMO_ENCRYPTION_KEY, parseEnv } from './env';
import { formatDateTime, formatPeriod, formatRelative } from './format-time';
import { centsToWholeKes, formatKes, kesToCents } from './money';
import { formatKenyanPhone, normalizeKenyanPhone } from './phone';

describe('money', () => {
  it('formats integer cents as KES the Kenyan way', () => {
    expect(formatKes(120_000)).toBe('KES 1,200');
    expect(formatKes(120_050)).toBe('KES 1,200.50');
    expect(formatKes(-30_000)).toBe('-KES 300');
  });
  it('converts to whole shillings for Daraja and refuses cents', () => {
    expect(centsToWholeKes(250_000)).toBe(2_500);
    expect(() => centsToWholeKes(250_050)).toThrow(/whole shillings/);
    expect(kesToCents(12.5)).toBe(1_250);
  });
});

describe('phone numbers', () => {
  it.each([
    ['0712 345 678', '254712345678'],
    ['+254 712 345 678', '254712345678'],
    ['254112345678', '254112345678'],
    ['712345678', '254712345678'],
    ['0110-334-455', '254110334455'],
  ])('normalises %s', (input, msisdn) => {
    expect(normalizeKenyanPhone(input)).toEqual({ ok: true, msisdn });
  });
  it.each(['', '12345', '0202345678', 'call me', '+255712345678'])('rejects %j with a message', (input) => {
    const result = normalizeKenyanPhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
  });
  it('shows numbers as people write them', () => {
    expect(formatKenyanPhone('254712345678')).toBe('0712 345 678');
  });
});

describe('time in Nairobi', () => {
  it('shows UTC instants in Kenyan time whatever the server zone', () => {
    expect(formatDateTime(new Date('2026-11-21T21:30:00Z'))).toMatch(/22 Nov 2026.*00:30/);
    expect(formatPeriod('2026-11')).toBe('November 2026');
    expect(formatRelative(new Date('2026-11-21T10:00:00Z'), new Date('2026-11-21T10:02:00Z'))).toBe('2 min ago');
  });
});

describe('environment', () => {
  it('defaults to the local sandbox and an embedded database', () => {
    const env = parseEnv({});
    expect(env.databaseUrl).toBeUndefined();
    expect(env.mpesa.environment).toBe('local');
    expect(env.mpesa.baseUrl).toBe('http://127.0.0.1:4010');
    expect(env.mpesa.callbackBaseUrl).toBe('http://localhost:3000/api/v1/hooks');
    expect(env.encryptionKey).toHaveLength(32);
  });
  it('points at Safaricom by MPESA_ENVIRONMENT and refuses production without secrets', () => {
    const secrets = { AUTH_SECRET: 'a'.repeat(32), MPESA_CALLBACK_SECRET: 'b'.repeat(32), MPESA_CONSUMER_KEY: 'key', MPESA_CONSUMER_SECRET: 'secret', HAVEN_ENCRYPTION_KEY: 'ab'.repeat(32) };
    expect(parseEnv({ MPESA_ENVIRONMENT: 'sandbox', ...secrets }).mpesa.baseUrl).toBe('https://sandbox.safaricom.co.ke');
    // Secrets at rest are sealed with HAVEN_ENCRYPTION_KEY: required, and never the public demo key, off the local sandbox.
    expect(() => parseEnv({ MPESA_ENVIRONMENT: 'sandbox', ...secrets, HAVEN_ENCRYPTION_KEY: undefined })).toThrow(/HAVEN_ENCRYPTION_KEY/);
    expect(() => parseEnv({ MPESA_ENVIRONMENT: 'sandbox', ...secrets, HAVEN_ENCRYPTION_KEY: DEMO_ENCRYPTION_KEY })).toThrow(/HAVEN_ENCRYPTION_KEY/);
    expect(() => parseEnv({ MPESA_ENVIRONMENT: 'production' })).toThrow(/AUTH_SECRET[\s\S]*MPESA_CALLBACK_SECRET/);
    expect(() => parseEnv({ MPESA_SHORTCODE: 'abc' })).toThrow(/MPESA_SHORTCODE/);
  });
});
