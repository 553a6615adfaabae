import { describe, expect, it } from 'vitest';
import { describeResult, listResultCodes, type ResultApi } from './result-codes';

// Every code SPEC lists per API (§3.5, §4, §5.4, §6, §7, §8, §9.3).
const SPEC_CODES: Record<ResultApi, string[]> = {
  stk: ['0', '1', '2', '3', '4', '8', '17', '26', '1001', '1019', '1025', '1031', '1032', '1037', '2001', '2028', '8006', '9999', 'SFC_IC0003', 'E3008', '4999'],
  b2c: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '11', '12', '13', '14', '15', '17', '18', '20', '21', '24', '25', '26', '2001', '2006', '2028', '2040', '8006', 'SFC_IC0003'],
  reversal: ['0', 'R000001', 'R000002', '11', '21', '2001', '2006', '2028', '8006', '1'],
  balance: ['0', '2001', '8006', '15'],
  status: ['0', '2032', '25', 'SFC_IC0003', '2001', '8006', '21'],
  c2b: ['0', 'C2B00011', 'C2B00012', 'C2B00013', 'C2B00014', 'C2B00015', 'C2B00016'],
};

describe('describeResult', () => {
  it.each(Object.entries(SPEC_CODES))('knows every %s code in SPEC', (api, codes) => {
    const known = listResultCodes(api as ResultApi);
    expect(codes.filter((c) => !known.includes(c))).toEqual([]);
  });

  it('gives the agreed tenant messages for STK', () => {
    const d = (code: string | number) => describeResult({ api: 'stk', code });
    expect(d(0)).toMatchObject({ status: 'SUCCESS', message: 'Payment completed successfully' });
    expect(d('1')).toMatchObject({ status: 'FAILED', message: 'Insufficient funds in M-Pesa account' });
    expect(d(1032)).toMatchObject({ status: 'CANCELLED', message: 'Payment cancelled by user' });
    expect(d(1037)).toMatchObject({ status: 'TIMEOUT', message: 'Payment request timed out' });
    expect(d(1019)).toMatchObject({ status: 'TIMEOUT', message: 'Transaction expired' });
    expect(d(2001).message).toMatch(/^Invalid payment request.*wrong M-Pesa PIN/);
    expect(d(1001).message).toMatch(/^Invalid phone number.*another M-Pesa prompt is already open/);
    expect(d('4999').status).toBe('PENDING');
  });

  it('explains 2001 on initiator APIs as credentials, not a PIN', () => {
    expect(describeResult({ api: 'b2c', code: 2001 }).message).toMatch(/^Invalid payment request.*password or certificate/);
  });

  it('every entry has a message, an action and an icon', () => {
    for (const api of Object.keys(SPEC_CODES) as ResultApi[]) {
      for (const code of listResultCodes(api)) {
        const d = describeResult({ api, code });
        expect(d.message.length, `${api} ${code}`).toBeGreaterThan(5);
        expect(d.action.length, `${api} ${code}`).toBeGreaterThan(5);
      }
    }
  });

  it('falls back to FAILED with Daraja’s ResultDesc for unknown codes', () => {
    expect(describeResult({ api: 'stk', code: 'X123', resultDesc: 'Something odd' })).toMatchObject({ status: 'FAILED', message: 'M-Pesa said: Something odd', icon: 'warning' });
    expect(describeResult({ api: 'b2c', code: 'toString' }).message).toMatch(/unrecognised result \(code toString\)/);
  });
});
