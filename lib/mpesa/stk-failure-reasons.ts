/**
 * Why an STK push did not end in a payment, in the few words an agency tracks (the dashboard's failure reasons).
 * Grouped by Daraja's ResultCode (SPEC §3.5, §4), never by ResultDesc, whose wording drifts; a push that got no
 * code at all (expired by Haven's own sweep, or cancelled before it was sent) falls back on its status.
 * Client-safe: the dashboard imports the labels.
 */

export const STK_FAILURE_REASONS = ['cancelled', 'insufficient_funds', 'timeout', 'wrong_pin', 'limit', 'not_delivered', 'other'] as const;
export type StkFailureReason = (typeof STK_FAILURE_REASONS)[number];

export const stkFailureReasonLabel: Record<StkFailureReason, string> = {
  cancelled: 'Cancelled by the payer',
  insufficient_funds: 'Insufficient funds',
  timeout: 'Timed out (no PIN entered)',
  wrong_pin: 'Wrong or locked PIN',
  limit: 'Over an M-Pesa limit',
  not_delivered: 'Prompt not delivered',
  other: 'Other',
};

const BY_CODE: Record<string, StkFailureReason> = {
  '1031': 'cancelled',
  '1032': 'cancelled',
  '1': 'insufficient_funds',
  '1019': 'timeout',
  '1037': 'timeout',
  '2001': 'wrong_pin',
  '8006': 'wrong_pin',
  '2': 'limit',
  '3': 'limit',
  '4': 'limit',
  '8': 'limit',
  '1001': 'not_delivered',
  '1025': 'not_delivered',
  '9999': 'not_delivered',
  '26': 'not_delivered',
};

/** The reason a push that did not succeed failed; null for a success or one still waiting. */
export function stkFailureReason({ status, resultCode }: { status: string; resultCode: string | null }): StkFailureReason | null {
  if (status === 'SUCCESS' || status === 'PENDING') return null;
  const code = resultCode?.trim();
  if (code && Object.hasOwn(BY_CODE, code)) return BY_CODE[code]!;
  if (!code && status === 'CANCELLED') return 'cancelled';
  if (!code && status === 'TIMEOUT') return 'timeout';
  return 'other';
}
