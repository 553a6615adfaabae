import { describe, expect, it } from 'vitest';
import { mobileNetworkOf } from './mobile-network';
import { normalizeMpesaPhone } from './phone';

describe('which numbers M-Pesa can reach', () => {
  it.each([
    ['254712345678', 'Safaricom'],
    ['254708374149', 'Safaricom'],
    ['254746778899', 'Safaricom'],
    ['254758990011', 'Safaricom'],
    ['254795112233', 'Safaricom'],
    ['254110334455', 'Safaricom'],
    ['254733123456', 'Airtel'],
    ['254752123456', 'Airtel'],
    ['254787123456', 'Airtel'],
    ['254100123456', 'Airtel'],
    ['254771123456', 'Telkom'],
    ['254764123456', 'Equitel'],
  ])('%s is %s', (msisdn, network) => {
    expect(mobileNetworkOf(msisdn)).toBe(network);
  });

  it('accepts a Safaricom number typed any way', () => {
    expect(normalizeMpesaPhone('0712 345 678')).toEqual({ ok: true, msisdn: '254712345678' });
  });

  it('refuses an Airtel number with a message that says what to do, before any prompt', () => {
    const result = normalizeMpesaPhone('0733 123 456');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe('0733 123 456 is an Airtel number. M-Pesa works only on Safaricom lines: use a Safaricom number, or pay by paybill.');
  });

  it('refuses a Telkom number', () => {
    const result = normalizeMpesaPhone('0771123456');
    expect(result.ok || result.message).toMatch(/^0771 123 456 is a Telkom number/);
  });
});
