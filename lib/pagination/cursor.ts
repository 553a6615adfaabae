import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';

/**
 * Keyset pagination: a page ends at its last row's (sort key, id), and the next page starts after it. Stable
 * under inserts (no skipped or repeated rows, unlike OFFSET) and as fast on page 100 as on page 1.
 */

export const PAGE_SIZE = 25;

export interface Page<T> {
  items: T[];
  /** Opaque cursor of the next page, or null on the last page. */
  next: string | null;
}

const cursorSchema = z.tuple([z.string().max(500), z.uuid()]);

export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id]), 'utf8').toString('base64url');
}

/** A cursor from a URL; anything malformed is the first page, never an error. */
export function decodeCursor(text: string | undefined | null): [string, string] | null {
  if (!text || text.length > 800) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `(sortKey, id) > (cursor)`, for ascending order by the same two columns. */
export function afterCursor(sortKey: AnyColumn | SQL, id: AnyColumn, cursor: [string, string] | null): SQL | undefined {
  return cursor ? sql`(${sortKey}, ${id}) > (${cursor[0]}, ${cursor[1]}::uuid)` : undefined;
}

/** Splits `limit + 1` fetched rows into a page and the cursor of the next one. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => [string, string]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? encodeCursor(...keyOf(last)) : null };
}

/** A search term as an ILIKE pattern with its wildcards escaped. */
export function likePattern(search: string | undefined | null): string | null {
  const term = search?.trim();
  if (!term) return null;
  return `%${term.slice(0, 100).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
