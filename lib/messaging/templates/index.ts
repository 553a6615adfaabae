import 'server-only';
import type { MessageKind } from '../message-kinds';
import { leaseInvite, passwordReset } from './account';
import { approvalRequest, dailyProofFailed, lowBalance } from './admin';
import { paymentReceipt, paymentReversed, refundSent } from './money';
import { rentReminder } from './reminder';
import type { Template } from './types';

export const templates: Record<MessageKind, Template> = {
  'payment-receipt': paymentReceipt,
  'rent-reminder': rentReminder,
  'refund-sent': refundSent,
  'payment-reversed': paymentReversed,
  'lease-invite': leaseInvite,
  'password-reset': passwordReset,
  'approval-request': approvalRequest,
  'daily-proof-failed': dailyProofFailed,
  'low-balance': lowBalance,
};
