import { describe, expect, it } from 'vitest';
import { describeApprovalReason, describeApprovalReasons, parseApprovalReasons } from './approval-reasons';

const requester = { viewerIsRequester: true, requesterName: 'Wanjiku' };
const approver = { viewerIsRequester: false, requesterName: 'Wanjiku' };

describe('approval reasons', () => {
  it('says the 24 h limit to the requester as theirs, and by name to an approver', () => {
    const reason = { kind: 'requester_daily' as const, limitCents: 10_000_000, totalCents: 10_500_000 };
    expect(describeApprovalReason(reason, requester)).toBe('Over your 24 h limit of KES 100,000 (KES 105,000 in 24 h with this one)');
    expect(describeApprovalReason(reason, approver)).toBe('Over Wanjiku’s 24 h limit of KES 100,000 (KES 105,000 in 24 h with this one)');
  });

  it('says own-phone and per-phone reasons plainly', () => {
    expect(describeApprovalReason({ kind: 'own_phone' }, requester)).toBe('Paying your own phone needs another admin');
    expect(describeApprovalReason({ kind: 'phone_daily', limitCents: 5_000_000, totalCents: 5_100_000, phone: '254712345678' }, approver)).toBe(
      'Over the 24 h limit of KES 50,000 to 0712 345 678 (KES 51,000 in 24 h with this one)',
    );
  });

  it('drops what it cannot read instead of failing the page', () => {
    expect(parseApprovalReasons([{ kind: 'threshold', limitCents: 1_000_000 }, { kind: 'from_the_future' }, 'x'])).toEqual([{ kind: 'threshold', limitCents: 1_000_000 }]);
    expect(parseApprovalReasons(null)).toEqual([]);
    expect(describeApprovalReasons([{ kind: 'threshold', limitCents: 1_000_000 }], approver)).toEqual(['Over the KES 10,000 limit for one payout']);
  });
});
