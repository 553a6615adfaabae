import postgres from 'postgres';
import { E2E_DATABASE_URL } from './e2e-env';

/** Direct SQL on the Playwright run's database, to look up ids and check what the app wrote. */
export async function queryE2eDb<T extends Record<string, unknown>>(query: string, params: (string | number | null)[] = []): Promise<T[]> {
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(query, params)) as unknown as T[];
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function getLeaseIdByTenantEmail(email: string): Promise<string> {
  const rows = await queryE2eDb<{ id: string }>('select l.id from leases l join users u on u.id = l.tenant_id where u.email = $1', [email]);
  const id = rows[0]?.id;
  if (!id) throw new Error(`no lease for ${email}`);
  return id;
}

/**
 * Forgets the STK prompt throttle's count for a tenant and their phone (5 prompts per user in 10 minutes): specs
 * that run one after another share demo tenants, and a test about the pay screen must not inherit the fault tests'
 * prompts. The throttle itself is proven by its own tests.
 */
export async function resetStkThrottle(email: string): Promise<void> {
  await queryE2eDb(
    "delete from rate_limit_hits where key in (select 'stk:user:' || id from users where email = $1 union select 'stk:phone:' || phone from users where email = $1)",
    [email],
  );
}
