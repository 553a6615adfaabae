import { describe, expect, it } from 'vitest';
import { findForbiddenCallbackWords } from './callback-url-words';

describe('callback URL words Safaricom refuses', () => {
  it('finds them in any case, anywhere in the URL', () => {
    expect(findForbiddenCallbackWords('https://haven.example/api/v1/mpesa/callback/s3cret')).toEqual(['mpesa']);
    expect(findForbiddenCallbackWords('https://M-PESA.example.com/hooks')).toEqual(['m-pesa']);
    expect(findForbiddenCallbackWords('https://haven.example/hooks/transaction-status/result/SafariCom')).toEqual(['safaricom']);
    expect(findForbiddenCallbackWords('https://haven.example/hooks/callback/execQueryCmd')).toEqual(['exec', 'cmd', 'query']);
    expect(findForbiddenCallbackWords('https://haven.example/hooks/b2c/result/mysql')).toEqual(['sql']);
  });

  it('passes our own callback paths under /api/v1/hooks with a hex secret', () => {
    for (const path of ['callback', 'b2c/result', 'b2c/timeout', 'reversal/result', 'reversal/timeout', 'balance/result', 'balance/timeout', 'transaction-status/result', 'transaction-status/timeout', 'c2b/confirmation', 'c2b/validation', 'pull']) {
      expect(findForbiddenCallbackWords(`https://haven.example/api/v1/hooks/${path}/0123456789abcdef0123456789abcdef`), path).toEqual([]);
    }
  });
});
