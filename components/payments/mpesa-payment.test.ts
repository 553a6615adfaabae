import { describe, expect, it } from 'vitest';
import { validatePayment } from './mpesa-payment';
import { formatCountdown } from './mpesa-payment-progress';

describe('the pay form', () => {
  it('refuses decimals instead of stripping the point (1500.50 is never KES 150,050)', () => {
    expect(validatePayment('1500.50', '0712345678').amount).toBe('M-Pesa moves whole shillings only: enter the amount without cents, like 1500');
    expect(validatePayment('1500,50', '0712345678').amount).toMatch(/whole shillings only/);
    expect(validatePayment('1500.', '0712345678').amount).toMatch(/whole shillings only/);
    expect(validatePayment('15OO', '0712345678').amount).toMatch(/digits only/);
    expect(validatePayment('1500', '0712345678')).toEqual({});
  });

  it('keeps amounts within M-Pesa’s limits', () => {
    expect(validatePayment('0', '0712345678').amount).toMatch(/between KES 1 and KES 250,000/);
    expect(validatePayment('250001', '0712345678').amount).toMatch(/between KES 1 and KES 250,000/);
    expect(validatePayment('250000', '0712345678').amount).toBeUndefined();
  });

  it('says before sending anything that an Airtel number cannot get an M-Pesa prompt', () => {
    expect(validatePayment('100', '0733 123 456').phone).toBe('0733 123 456 is an Airtel number. M-Pesa works only on Safaricom lines: use a Safaricom number, or pay by paybill.');
    expect(validatePayment('100', '12345').phone).toBe('Enter a Safaricom number like 0712 345 678');
    expect(validatePayment('100', '+254 712 345 678').phone).toBeUndefined();
  });

  it('counts down from 1:00', () => {
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(9)).toBe('0:09');
  });
});
