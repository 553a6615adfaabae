import { z } from 'zod';

/**
 * The transaction detail's answer (GET /api/v1/payments/{id}/timeline): the payment, everything that happened to
 * its money in time order, and what the caller may do next. The route builds it and the client hook parses it with
 * this same schema, so both ends agree on one shape. No server-only imports: the browser bundle reads it too.
 */

export const timelineToneSchema = z.enum(['green', 'red', 'amber', 'slate', 'blue']);

export const timelineEventKinds = [
  'stk-request',
  'stk-acknowledged',
  'stk-query',
  'stk-result',
  'callback',
  'paybill',
  'statement',
  'receipt-check',
  'status-query',
  'ledger',
  'allocation',
  'receipt-issued',
  'correction',
  'reversal',
  'audit',
] as const;

export const timelineEventSchema = z.object({
  id: z.string().describe('Stable within the timeline: `<kind>:<source id>`'),
  at: z.iso.datetime({ offset: true }),
  kind: z.enum(timelineEventKinds),
  title: z.string(),
  detail: z.string().nullable(),
  /** Who did it, when a person did (the STK request's initiator, an audit row's actor). */
  actor: z.string().nullable(),
  badge: z.object({ label: z.string(), tone: timelineToneSchema }).nullable(),
  amountCents: z.number().int().nullable(),
  receipt: z.string().nullable(),
  /** The callback exactly as Daraja sent it (staff only). */
  raw: z.string().nullable(),
  /** A page with more about it (the payouts and reversals list, the unmatched queue). */
  href: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelineActionSchema = z.object({
  kind: z.enum(['receipt', 'reverse', 'refund', 'place', 'payouts']),
  label: z.string(),
  href: z.string(),
});
export type TimelineAction = z.infer<typeof timelineActionSchema>;

export const paymentTimelineSchema = z.object({
  payment: z.object({
    id: z.string(),
    leaseId: z.string(),
    amountCents: z.number().int(),
    method: z.enum(['mpesa_stk', 'mpesa_paybill', 'cash', 'bank', 'cheque', 'deposit']),
    status: z.enum(['completed', 'reversed']),
    receipt: z.string().nullable(),
    reference: z.string().nullable(),
    payerPhone: z.string().nullable(),
    paidAt: z.iso.datetime({ offset: true }),
    tenantName: z.string(),
    propertyName: z.string(),
    unitLabel: z.string(),
    accountReference: z.string(),
  }),
  events: z.array(timelineEventSchema),
  actions: z.array(timelineActionSchema),
});
export type PaymentTimeline = z.infer<typeof paymentTimelineSchema>;
