import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { normalizeAccountText } from '@/lib/leases/account-reference';

/**
 * Many active leases in the demo agency (one property, one unit and tenant each, its own paybill account number),
 * for tests and benches that spread payments over many leases. Written with a few set-based statements: the
 * point is the payments, not the set-up.
 */
export interface BulkLease {
  leaseId: string;
  accountReference: string;
}

/** A tag of letters only (so the account key is simply the reference without its dash). */
export function bulkTag(): string {
  return Array.from({ length: 5 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');
}

export async function createBulkLeases(db: Db, { count, tag }: { count: number; tag: string }): Promise<BulkLease[]> {
  if (!/^[A-Z]+$/.test(tag)) throw new Error('a bulk tag is upper-case letters only');
  const rows = (await db.execute<{ lease_id: string; account_reference: string }>(sql`
    with agency as (
      select u.agency_id, l.id as landlord_id from users u, users l
      where u.email = 'admin@example.com' and l.email = 'landlord@example.com'
    ), property as (
      insert into properties (agency_id, landlord_id, name, location, code)
      select agency_id, landlord_id, ${`Bulk Court ${tag}`}, 'Nairobi', ${`B${tag}`} from agency returning id, agency_id
    ), n as (
      select g from generate_series(1, ${count}) g
    ), tenants as (
      insert into users (agency_id, role, name, email)
      select p.agency_id, 'tenant', 'Bulk Tenant ' || n.g, ${`bulk-${tag.toLowerCase()}-`} || n.g || '@example.com' from property p, n
      returning id, email
    ), units as (
      insert into units (agency_id, property_id, label, market_rent_cents, status)
      select p.agency_id, p.id, 'U' || n.g, 1000000, 'let' from property p, n
      returning id, label
    )
    insert into leases (agency_id, unit_id, tenant_id, monthly_rent_cents, deposit_cents, due_day, start_date, status, account_reference, account_key, activated_at)
    select p.agency_id, u.id, t.id, 1000000, 0, 5, current_date, 'active', ${`B${tag}-`} || substr(u.label, 2), ${`B${tag}`} || substr(u.label, 2), now()
    from property p
    join units u on true
    join tenants t on t.email = ${`bulk-${tag.toLowerCase()}-`} || substr(u.label, 2) || '@example.com'
    returning id as lease_id, account_reference`)) as unknown as { lease_id: string; account_reference: string }[];
  const leases = rows.map((r) => ({ leaseId: r.lease_id, accountReference: r.account_reference }));
  // The key written above must be what the one rule (lib/leases/account-reference.ts) makes of the reference.
  const wrong = leases.find((l) => normalizeAccountText(l.accountReference) !== l.accountReference.replace('-', ''));
  if (wrong) throw new Error(`account key of ${wrong.accountReference} does not follow normalizeAccountText`);
  return leases;
}
