import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { users } from '../schema';

export async function getUserByEmail(db: DbOrTx, { email }: { email: string }) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return user ?? null;
}

export async function getUserById(db: DbOrTx, { userId }: { userId: string }) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return user ?? null;
}
