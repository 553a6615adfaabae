import { describe, expect, it } from 'vitest';
import { generateReceiptCode, normalizeReceiptCode, RECEIPT_CODE_LENGTH } from './receipt-code';

describe('receipt codes', () => {
  it('are 10 random Crockford base32 characters, printed in two groups', () => {
    const codes = new Set(Array.from({ length: 2000 }, generateReceiptCode));
    expect(codes.size).toBe(2000);
    for (const code of [...codes].slice(0, 50)) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(RECEIPT_CODE_LENGTH * 5).toBeGreaterThanOrEqual(50);
  });
  it('read back what people type, and refuse what cannot be a code', () => {
    expect(normalizeReceiptCode('7k3m9 qx2pd')).toBe('7K3M9-QX2PD');
    expect(normalizeReceiptCode('7K3M9-QX2PO')).toBe('7K3M9-QX2P0');
    expect(normalizeReceiptCode('IL3M9QX2PD')).toBe('113M9-QX2PD');
    expect(normalizeReceiptCode('7K3M9-QX2P')).toBeNull();
    expect(normalizeReceiptCode('7K3M9-QX2PU')).toBeNull();
    expect(normalizeReceiptCode('../etc/passwd')).toBeNull();
  });
});
