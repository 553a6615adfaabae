import { z } from 'zod';
import type { PayoutStatus } from '@/db/schema/mpesa';

/**
 * What the payout and reversal routes answer (`{ payout }`, `{ reversal }`), as zod schemas: the views are typed
 * from them (payout-view.ts, reversal-view.ts) and the browser's hooks parse answers with them. Client-safe: the
 * status list is written out here (type-checked against the database enum) so no schema module reaches the bundle.
 */

const PAYOUT_STATUSES = ['AWAITING_APPROVAL', 'REJECTED', 'QUEUED', 'PENDING', 'UNKNOWN', 'SUCCESS', 'FAILED'] as const satisfies readonly PayoutStatus[];
// Fails to compile when the database gains a status this list lacks.
type Unlisted = Exclude<PayoutStatus, (typeof PAYOUT_STATUSES)[number]>;
export const EVERY_PAYOUT_STATUS_LISTED: [Unlisted] extends [never] ? true : never = true;

export const payoutStatusSchema = z.enum(PAYOUT_STATUSES);

const requestFields = {
  id: z.string(),
  status: payoutStatusSchema,
  statusLabel: z.string(),
  amountCents: z.number().int(),
  remarks: z.string(),
  place: z.string().nullable(),
  message: z.string().nullable(),
  action: z.string().nullable(),
  requesterName: z.string(),
  rejectionReason: z.string().nullable(),
  /** Set when the requester withdrew it before anyone decided. */
  withdrawnAt: z.string().nullable(),
  /** Why it waits (or waited) for approval, in words for this caller: "Over your 24 h limit of KES 100,000". */
  approvalReasons: z.array(z.string()),
  /** True when the caller may approve or reject it now (an admin other than the requester). */
  canDecide: z.boolean(),
  /** True when the caller asked for it and it still waits: they may take it back. */
  canWithdraw: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
};

/** A payout as the API returns it and the UI shows it (no internal ids beyond what the requester needs). */
export const payoutViewSchema = z.object({
  ...requestFields,
  leaseId: z.string().nullable(),
  phone: z.string(),
  occasion: z.string(),
  transactionId: z.string().nullable(),
  receiverName: z.string().nullable(),
  utilityBalanceAfterCents: z.number().int().nullable(),
  approverName: z.string().nullable(),
});

export const reversalViewSchema = z.object({
  ...requestFields,
  paymentId: z.string().nullable(),
  receipt: z.string(),
  tenantName: z.string().nullable(),
});

export const payoutResponseSchema = z.object({ payout: payoutViewSchema });
export const reversalResponseSchema = z.object({ reversal: reversalViewSchema });
