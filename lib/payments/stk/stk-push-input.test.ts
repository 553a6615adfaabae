import { describe, expect, it } from 'vitest';
import { fitAccountReference, stkPushRequestSchema } from './stk-push-input';

describe('the STK push account reference', () => {
  it('takes the write-up’s 13-character example and cuts it to Daraja’s 12 without a trailing dash', () => {
    const body = stkPushRequestSchema.parse({ phoneNumber: '254712345678', amount: 1000, accountReference: 'Rent-Jan-2024', leaseId: '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b' });
    expect(body.accountReference).toBe('Rent-Jan-2024');
    expect(fitAccountReference(body.accountReference!)).toBe('Rent-Jan-202');
    expect(fitAccountReference('Rent for Jan-')).toBe('Rent for Jan');
    expect(fitAccountReference('Rent Jan 2024 house 4')).toBe('Rent Jan 202');
    expect(fitAccountReference('Rent-Jan-2024'.slice(0, 11) + ' -x')).toBe('Rent-Jan-20');
    expect(fitAccountReference('NR-A1-L')).toBe('NR-A1-L');
  });

  it('still refuses what M-Pesa cannot show and what is far too long', () => {
    const base = { phoneNumber: '254712345678', amount: 1000, leaseId: '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b' };
    expect(() => stkPushRequestSchema.parse({ ...base, accountReference: 'Rent<script>' })).toThrow();
    expect(() => stkPushRequestSchema.parse({ ...base, accountReference: 'x'.repeat(65) })).toThrow();
  });
});

describe('the STK push lease', () => {
  it('may be named by accountReference alone; with neither leaseId nor accountReference the body is refused', () => {
    const bare = { phoneNumber: '254712345678', amount: 100 };
    expect(stkPushRequestSchema.parse({ ...bare, accountReference: 'KH-A1' }).leaseId).toBeUndefined();
    const refused = stkPushRequestSchema.safeParse(bare);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['accountReference']);
    expect(stkPushRequestSchema.safeParse({ ...bare, accountReference: '   ' }).success).toBe(false);
  });
});
