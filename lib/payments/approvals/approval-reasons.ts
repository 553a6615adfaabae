import { z } from 'zod';
import { formatKes } from '@/lib/money';
import { formatKenyanPhone } from '@/lib/phone';

/**
 * Why a payout or reversal waits for a second person. Recorded on the request when it is made (the limits and
 * totals as they were then), so the approver sees the reason that applied, not today's settings.
 */

const cents = z.number().int().nonnegative();

export const approvalReasonSchema = z.discriminatedUnion('kind', [
  /** One request above the agency's per-payout threshold. */
  z.object({ kind: z.literal('threshold'), limitCents: cents }),
  /** This request plus the requester's money out in the last 24 h goes over the per-requester limit. */
  z.object({ kind: z.literal('requester_daily'), limitCents: cents, totalCents: cents }),
  /** This request plus everything sent to the same phone in the last 24 h goes over the per-phone limit. */
  z.object({ kind: z.literal('phone_daily'), limitCents: cents, totalCents: cents, phone: z.string() }),
  /** The money goes to the requester's own phone: another admin must always approve. */
  z.object({ kind: z.literal('own_phone') }),
  /** The requester asked for a second person. */
  z.object({ kind: z.literal('requested') }),
  /** A landlord's reversal: an admin decides. */
  z.object({ kind: z.literal('landlord_reversal') }),
]);

export type ApprovalReason = z.infer<typeof approvalReasonSchema>;

/** Reads what the jsonb column holds, dropping anything this version does not understand rather than failing a page. */
export function parseApprovalReasons(value: unknown): ApprovalReason[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = approvalReasonSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * One reason in words. `viewerIsRequester` picks "your" (the requester reading their own request) or the
 * requester's name (an approver reading it).
 */
export function describeApprovalReason(reason: ApprovalReason, { viewerIsRequester, requesterName }: { viewerIsRequester: boolean; requesterName: string }): string {
  const whose = viewerIsRequester ? 'your' : `${requesterName}’s`;
  switch (reason.kind) {
    case 'threshold':
      return `Over the ${formatKes(reason.limitCents)} limit for one payout`;
    case 'requester_daily':
      return `Over ${whose} 24 h limit of ${formatKes(reason.limitCents)} (${formatKes(reason.totalCents)} in 24 h with this one)`;
    case 'phone_daily':
      return `Over the 24 h limit of ${formatKes(reason.limitCents)} to ${formatKenyanPhone(reason.phone)} (${formatKes(reason.totalCents)} in 24 h with this one)`;
    case 'own_phone':
      return viewerIsRequester ? 'Paying your own phone needs another admin' : `Pays ${requesterName}’s own phone: needs another admin`;
    case 'requested':
      return viewerIsRequester ? 'You asked for a second person to approve it' : `${requesterName} asked for a second person to approve it`;
    case 'landlord_reversal':
      return 'A landlord’s reversal needs an admin';
  }
}

export function describeApprovalReasons(reasons: unknown, who: { viewerIsRequester: boolean; requesterName: string }): string[] {
  return parseApprovalReasons(reasons).map((reason) => describeApprovalReason(reason, who));
}
