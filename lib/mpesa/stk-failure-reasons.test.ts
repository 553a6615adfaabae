import { describe, expect, it } from 'vitest';
import { listResultCodes, describeResult } from './result-codes';
import { stkFailureReason } from './stk-failure-reasons';

describe('STK failure reasons', () => {
  it('maps the codes an agency asks about to their reason', () => {
    const reason = (resultCode: string, status = 'FAILED') => stkFailureReason({ status, resultCode });
    expect(reason('1032', 'CANCELLED')).toBe('cancelled');
    expect(reason('1031', 'CANCELLED')).toBe('cancelled');
    expect(reason('1')).toBe('insufficient_funds');
    expect(reason('1037', 'TIMEOUT')).toBe('timeout');
    expect(reason('1019', 'TIMEOUT')).toBe('timeout');
    expect(reason('2001')).toBe('wrong_pin');
    expect(reason('4')).toBe('limit');
    expect(reason('1001')).toBe('not_delivered');
    expect(reason('E3008')).toBe('other');
    expect(reason('something new')).toBe('other');
  });

  it('falls back on the status when M-Pesa gave no code, and has no reason for a success or a push still waiting', () => {
    expect(stkFailureReason({ status: 'TIMEOUT', resultCode: null })).toBe('timeout');
    expect(stkFailureReason({ status: 'CANCELLED', resultCode: null })).toBe('cancelled');
    expect(stkFailureReason({ status: 'FAILED', resultCode: null })).toBe('other');
    expect(stkFailureReason({ status: 'SUCCESS', resultCode: '0' })).toBeNull();
    expect(stkFailureReason({ status: 'PENDING', resultCode: null })).toBeNull();
  });

  it('agrees with the result catalogue: a code it calls cancelled or timed out is grouped so', () => {
    for (const code of listResultCodes('stk')) {
      const { status } = describeResult({ api: 'stk', code });
      if (status === 'CANCELLED') expect(stkFailureReason({ status, resultCode: code }), code).toBe('cancelled');
      if (status === 'TIMEOUT') expect(stkFailureReason({ status, resultCode: code }), code).toBe('timeout');
      if (status === 'FAILED') expect(stkFailureReason({ status, resultCode: code }), code).not.toBeNull();
    }
  });
});
