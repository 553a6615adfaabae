import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { AuditFilters } from '@/lib/console/audit-filters';
import { nairobiDayBounds } from '@/lib/nairobi-day';
import type { DbOrTx } from '../client';
import { auditLog, users } from '../schema';

/**
 * The audit log as admins read it: one agency's entries (the agency comes from the session, never the query),
 * newest first, filtered by action, actor and Nairobi dates, keyset-paged on (created_at, id) so each filter
 * walks an (agency, action|actor, created_at) index.
 */

export type AuditCursor = { createdAt: string; id: string };

export async function listAuditPage(
  db: DbOrTx,
  { agencyId, filters, after = null, limit = 50 }: { agencyId: string; filters: AuditFilters; after?: AuditCursor | null; limit?: number },
) {
  const rows = await db
    .select({
      id: auditLog.id, createdAt: auditLog.createdAt, action: auditLog.action, actorRole: auditLog.actorRole, actorId: auditLog.actorId,
      actorName: users.name, targetType: auditLog.targetType, targetId: auditLog.targetId, details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.agencyId, agencyId),
        filters.action ? eq(auditLog.action, filters.action) : undefined,
        filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
        filters.from ? gte(auditLog.createdAt, nairobiDayBounds(filters.from).from) : undefined,
        filters.to ? lt(auditLog.createdAt, nairobiDayBounds(filters.to).to) : undefined,
        after ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null };
}

/** The actions and the people that appear in an agency's log, for the filter menus. */
export async function listAuditFilterOptions(db: DbOrTx, { agencyId }: { agencyId: string }) {
  const [actions, actors] = await Promise.all([
    db.selectDistinct({ action: auditLog.action }).from(auditLog).where(eq(auditLog.agencyId, agencyId)).orderBy(auditLog.action),
    db.selectDistinct({ id: users.id, name: users.name }).from(auditLog).innerJoin(users, eq(users.id, auditLog.actorId)).where(eq(auditLog.agencyId, agencyId)).orderBy(users.name),
  ]);
  return { actions: actions.map((a) => a.action), actors };
}
