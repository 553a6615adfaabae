/** Every kind of message Haven sends, with how people see it named. Shared by the worker, templates and pages. */
export const messageKinds = {
  'payment-receipt': 'Payment receipt',
  'rent-reminder': 'Rent reminder',
  'refund-sent': 'Refund sent',
  'payment-reversed': 'Payment reversed',
  'lease-invite': 'Invitation',
  'password-reset': 'Password reset',
  'approval-request': 'Approval request',
  'daily-proof-failed': 'Daily proof failed',
  'low-balance': 'Low paybill balance',
} as const;

export type MessageKind = keyof typeof messageKinds;

export function messageKindLabel(kind: string): string {
  return (messageKinds as Record<string, string>)[kind] ?? kind;
}

/** Kinds nobody needs at night: held from 21:00 to 07:00 Nairobi time, then sent. Receipts answer a payment just made. */
export const QUIET_HOURS_KINDS: ReadonlySet<string> = new Set<MessageKind>(['rent-reminder']);
