import { z } from 'zod';
import { isNairobiDay } from '@/lib/nairobi-day';

/** The audit view's query string: one action, one actor, a Nairobi date range; empty fields mean "any". */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const day = z.string().refine(isNairobiDay, 'Choose a date (YYYY-MM-DD)');

export const auditFiltersSchema = z
  .object({
    action: optional(z.string().regex(/^[a-z_]+(\.[a-z_]+)*$/, 'Choose an action').max(60)),
    actorId: optional(z.uuid('Choose a person')),
    from: optional(day),
    to: optional(day),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The range ends before it starts', path: ['to'] });

export type AuditFilters = z.output<typeof auditFiltersSchema>;

export function auditFiltersFrom(params: Record<string, string | string[] | undefined>) {
  const get = (k: string) => [params[k]].flat()[0];
  return auditFiltersSchema.safeParse({ action: get('action'), actorId: get('actorId'), from: get('from'), to: get('to') });
}

/** Where an audit entry's target can be seen, when Haven has a page for it. */
export function auditTargetHref({ targetType, targetId }: { targetType: string | null; targetId: string | null }): string | null {
  if (!targetId || !/^[0-9a-f-]{36}$/i.test(targetId)) return null;
  switch (targetType) {
    case 'lease':
      return `/leases/${targetId}`;
    case 'payment':
      return `/receipts/${targetId}`;
    case 'property':
      return `/properties/${targetId}`;
    case 'mpesa_b2c':
    case 'mpesa_reversal':
      return '/payouts';
    case 'unplaced_payment':
      return '/admin/unmatched';
    default:
      return null;
  }
}
