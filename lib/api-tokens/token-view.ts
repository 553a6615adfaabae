import type { ApiTokenRow } from '@/db/schema';
import { isApiScope, type ApiScope } from './token-scopes';

/** What the token list and the API show of a token: never its hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  status: 'active' | 'expired' | 'revoked';
  expiresAt: string;
  lastUsedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export function toApiTokenView(row: ApiTokenRow, now: Date = new Date()): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.filter(isApiScope),
    status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
