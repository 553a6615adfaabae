import { hash } from '@node-rs/argon2';
import type { Sql } from 'postgres';
import { normalizeAccountText } from '../../../lib/leases/account-reference';
import type { SandboxControl } from '../sandbox-process';
import { DEMO_PASSWORD } from './chaos-http';

/**
 * The world one chaos run pays into, made fresh for each run in the demo agency: a property with one unit, tenant
 * and active lease per slot (its own paybill account number and phone), an admin who sends money out and a second
 * admin who approves what must wait. Each tenant's phone is an M-Pesa subscriber with money on it.
 */

export interface ChaosLease {
  index: number;
  leaseId: string;
  accountReference: string;
  email: string;
  phone: string;
}

export interface ChaosFixture {
  tag: string;
  agencyId: string;
  leases: ChaosLease[];
  adminEmail: string;
  approverEmail: string;
}

/** A short tag that makes this run's account numbers, emails and phones its own. */
export function runTag(): string {
  return Date.now().toString(36).slice(-4).toUpperCase();
}

/** Digits for phones: two per run (from the tag), five per lease. */
function phoneFor(tag: string, index: number): string {
  const runDigits = String(parseInt(tag, 36) % 100).padStart(2, '0');
  return `2547${'9'}${runDigits}${String(index).padStart(5, '0')}`;
}

export async function createChaosFixture(sql: Sql, sandbox: SandboxControl, { leases: count, tag = runTag() }: { leases: number; tag?: string }): Promise<ChaosFixture> {
  const [admin] = await sql<{ agency_id: string }[]>`select agency_id from users where email = 'admin@example.com'`;
  const [landlord] = await sql<{ id: string }[]>`select id from users where email = 'landlord@example.com'`;
  if (!admin || !landlord) throw new Error('the demo agency is not seeded');
  const agencyId = admin.agency_id;
  const passwordHash = await hash(DEMO_PASSWORD);
  const lower = tag.toLowerCase();
  const adminEmail = `chaos-${lower}-admin@example.com`;
  const approverEmail = `chaos-${lower}-approver@example.com`;
  await sql`
    insert into users (agency_id, role, name, email, password_hash)
    values (${agencyId}, 'admin', ${`Chaos ${tag} Admin`}, ${adminEmail}, ${passwordHash}),
           (${agencyId}, 'admin', ${`Chaos ${tag} Approver`}, ${approverEmail}, ${passwordHash})`;
  const [property] = await sql<{ id: string }[]>`
    insert into properties (agency_id, landlord_id, name, location, code)
    values (${agencyId}, ${landlord.id}, ${`Chaos Court ${tag}`}, 'Nairobi', ${`C${tag}`}) returning id`;

  const leases: ChaosLease[] = [];
  for (let i = 1; i <= count; i += 1) {
    const email = `chaos-${lower}-t${i}@example.com`;
    const phone = phoneFor(tag, i);
    const accountReference = `C${tag}-${i}`;
    const [row] = await sql<{ id: string }[]>`
      with tenant as (
        insert into users (agency_id, role, name, email, phone, password_hash)
        values (${agencyId}, 'tenant', ${`Chaos Tenant ${i}`}, ${email}, ${phone}, ${passwordHash}) returning id
      ), unit as (
        insert into units (agency_id, property_id, label, market_rent_cents, status)
        values (${agencyId}, ${property!.id}, ${`U${i}`}, 1000000, 'let') returning id
      )
      insert into leases (agency_id, unit_id, tenant_id, monthly_rent_cents, deposit_cents, due_day, start_date, status, account_reference, account_key, activated_at)
      select ${agencyId}, unit.id, tenant.id, 1000000, 0, 5, current_date, 'active', ${accountReference}, ${normalizeAccountText(accountReference)}, now() from tenant, unit
      returning id`;
    leases.push({ index: i, leaseId: row!.id, accountReference, email, phone });
  }
  // Every payer can pay: a prompt is answered at once with the right PIN, and the phone holds enough
  // money (not so much that a refund would take it over M-Pesa's wallet limit and be declined).
  for (const lease of leases) await sandbox.setSubscriber(lease.phone, { name: `Chaos Tenant ${lease.index}`, balance: 200_000, behaviour: 'auto-approve' });
  return { tag, agencyId, leases, adminEmail, approverEmail };
}
