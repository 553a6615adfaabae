import { z } from 'zod';
import { LEASE_STATUSES } from '@/db/schema/leases';
import type { BalanceCheckView } from '@/lib/payments/balance/get-balance-overview';
import type { PayoutView } from '@/lib/payments/b2c/payout-view';
import type { ReversalView } from '@/lib/payments/reversal/reversal-view';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '@/lib/console/payment-filters';

/**
 * What the REST resources answer (payments, leases, payouts, reversals, balance checks), for the OpenAPI document
 * and for tests/api/openapi-examples.spec.ts, which parses real answers with them. The `Exact` checks below make
 * the compiler refuse a schema that drifts from the view type the handlers return.
 */

const isoDate = z.string().describe('ISO 8601');
const cents = z.number().int().describe('Integer cents (KES × 100)');
const requestStatus = z.enum(['AWAITING_APPROVAL', 'REJECTED', 'QUEUED', 'PENDING', 'UNKNOWN', 'SUCCESS', 'FAILED']);

/** A list answer: `{ <key>: item[] }`, the key naming the resource (`payouts`, `checks`…) as the handlers answer. */
function listOf<K extends string, T extends z.ZodType>(key: K, item: T) {
  // The cast only names the computed key's type: zod cannot infer a shape from `{ [key]: … }` by itself.
  return z.object({ [key]: z.array(item) } as Record<K, z.ZodArray<T>>);
}

/** A keyset page: a list answer plus the cursor of the next page, described once for every paged resource. */
function pageOf<K extends string, T extends z.ZodType>(key: K, item: T) {
  return listOf(key, item).extend({ next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page') });
}

export const paymentSchema = z.object({
  id: z.string(),
  leaseId: z.string(),
  amountCents: cents,
  method: z.enum(PAYMENT_METHODS),
  status: z.enum(PAYMENT_STATUSES),
  mpesaReceiptNumber: z.string().nullable().describe('The M-Pesa receipt: a payment’s identity'),
  payerPhone: z.string().nullable(),
  reference: z.string().nullable(),
  paidAt: isoDate,
  accountReference: z.string(),
  tenantName: z.string(),
  propertyName: z.string(),
  unitLabel: z.string(),
});
export type PaymentResource = z.infer<typeof paymentSchema>;

export const paymentPageSchema = pageOf('payments', paymentSchema);

export const leaseSchema = z.object({
  id: z.string(),
  status: z.enum(LEASE_STATUSES),
  accountReference: z.string().describe('What the tenant types as "Account no." on the paybill'),
  paybillShortcode: z.string().nullable(),
  monthlyRentCents: cents,
  depositCents: cents,
  dueDay: z.number().int(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  unitId: z.string(),
  unitLabel: z.string(),
  propertyId: z.string(),
  propertyName: z.string(),
  tenantId: z.string(),
  tenantName: z.string(),
  landlordName: z.string(),
  createdAt: isoDate,
});
export type LeaseResource = z.infer<typeof leaseSchema>;

export const leasePageSchema = pageOf('leases', leaseSchema);

/** How a payout or reversal stands in the approval flow: the same fields, last in both (the document's order). */
const decisionFields = {
  rejectionReason: z.string().nullable(),
  withdrawnAt: isoDate.nullable(),
  approvalReasons: z.array(z.string()),
  canDecide: z.boolean(),
  canWithdraw: z.boolean(),
  createdAt: isoDate,
  completedAt: isoDate.nullable(),
};

export const payoutSchema = z.object({
  id: z.string(),
  status: requestStatus,
  statusLabel: z.string(),
  leaseId: z.string().nullable(),
  place: z.string().nullable(),
  phone: z.string(),
  amountCents: cents,
  occasion: z.string(),
  remarks: z.string(),
  transactionId: z.string().nullable(),
  receiverName: z.string().nullable(),
  utilityBalanceAfterCents: z.number().int().nullable(),
  message: z.string().nullable(),
  action: z.string().nullable(),
  requesterName: z.string(),
  approverName: z.string().nullable(),
  ...decisionFields,
});

export const reversalSchema = z.object({
  id: z.string(),
  status: requestStatus,
  statusLabel: z.string(),
  paymentId: z.string().nullable(),
  receipt: z.string(),
  amountCents: cents,
  remarks: z.string(),
  tenantName: z.string().nullable(),
  place: z.string().nullable(),
  message: z.string().nullable(),
  action: z.string().nullable(),
  requesterName: z.string(),
  ...decisionFields,
});

export const balanceCheckSchema = z.object({
  id: z.string(),
  status: z.enum(['QUEUED', 'PENDING', 'SUCCESS', 'FAILED', 'UNKNOWN']),
  availableBalanceCents: z.number().int().nullable(),
  accounts: z.array(z.object({ name: z.string(), currency: z.string(), currentCents: cents, availableCents: cents, reservedCents: cents, unclearedCents: cents })),
  message: z.string().nullable(),
  createdAt: isoDate,
  completedAt: isoDate.nullable(),
});

export const payoutResponseSchema = z.object({ payout: payoutSchema });
export const createdPayoutResponseSchema = z.object({ payout: payoutSchema, created: z.boolean() });
export const payoutListSchema = listOf('payouts', payoutSchema);
export const reversalResponseSchema = z.object({ reversal: reversalSchema });
export const reversalListSchema = listOf('reversals', reversalSchema);
export const balanceCheckResponseSchema = z.object({ check: balanceCheckSchema });
export const balanceCheckListSchema = listOf('checks', balanceCheckSchema);

// Compile-time: each schema's type and the view the handlers return are the same type, both ways.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(value: T) => value;
same<Exact<z.infer<typeof payoutSchema>, PayoutView>>(true);
same<Exact<z.infer<typeof reversalSchema>, ReversalView>>(true);
same<Exact<z.infer<typeof balanceCheckSchema>, BalanceCheckView>>(true);
// The helpers keep the keys and item types the handlers' answers have (a widened key would pass anything).
same<Exact<z.infer<typeof paymentPageSchema>, { payments: PaymentResource[]; next: string | null }>>(true);
same<Exact<z.infer<typeof leasePageSchema>, { leases: LeaseResource[]; next: string | null }>>(true);
same<Exact<z.infer<typeof payoutListSchema>, { payouts: PayoutView[] }>>(true);
