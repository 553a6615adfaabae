import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { apiTokens, users, type ApiTokenRow } from '../schema';

export async function insertApiToken(
  db: DbOrTx,
  values: { agencyId: string; userId: string; name: string; prefix: string; tokenHash: string; scopes: string[]; expiresAt: Date },
): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

/** A person's own tokens, newest first (revoked and expired ones too: the list is also their history). */
export async function listApiTokensOfUser(db: DbOrTx, { userId }: { userId: string }): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

/** The token with this hash and its owner as they are now (role, agency), whatever the token's state. */
export async function findApiTokenByHash(db: DbOrTx, { tokenHash }: { tokenHash: string }) {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

/** Revokes one of the owner's own tokens; null when it is not theirs or was already revoked. */
export async function markApiTokenRevoked(db: DbOrTx, { tokenId, userId }: { tokenId: string; userId: string }): Promise<ApiTokenRow | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date(), revokedBy: userId })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return row ?? null;
}

export async function getApiTokenOfUser(db: DbOrTx, { tokenId, userId }: { tokenId: string; userId: string }): Promise<ApiTokenRow | null> {
  const [row] = await db.select().from(apiTokens).where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId))).limit(1);
  return row ?? null;
}

/** Records a use, at most once per `everySeconds`: reads by a busy script must not each become a write. */
export async function touchApiToken(db: DbOrTx, { tokenId, everySeconds }: { tokenId: string; everySeconds: number }): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - make_interval(secs => ${everySeconds})`)),
      ),
    );
}

/**
 * Revokes every token of a user still open (an account recovery, or an admin signing them out everywhere: the old
 * credentials may be in someone else's hands). `revokedBy` is who did it (the user themselves for a reset).
 */
export async function revokeAllApiTokensOfUser(db: DbOrTx, { userId, revokedBy, now = new Date() }: { userId: string; revokedBy: string; now?: Date }): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now, revokedBy })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}
