import { and, desc, eq } from 'drizzle-orm';
import type { Caller } from '@/lib/auth/caller';
import type { DbOrTx } from '../client';
import { auditLog } from '../schema';

/** Who did what to which record, and why (invariant 5). Written in the same transaction as the change. */
export async function recordAudit(
  db: DbOrTx,
  entry: { actor: Caller | null; agencyId: string | null; action: string; targetType: string; targetId: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditLog).values({
    agencyId: entry.agencyId,
    actorId: entry.actor?.id ?? null,
    actorRole: entry.actor?.role ?? 'system',
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    // What a token did is told apart from what its owner did in the app (a leaked token's trail).
    details: entry.actor?.apiTokenId ? { ...entry.details, viaApiToken: entry.actor.apiTokenId } : (entry.details ?? {}),
  });
}

export async function listAuditForTarget(db: DbOrTx, { agencyId, targetType, targetId }: { agencyId: string; targetType: string; targetId: string }) {
  return db.select().from(auditLog)
    .where(and(eq(auditLog.agencyId, agencyId), eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
    .orderBy(desc(auditLog.createdAt));
}
