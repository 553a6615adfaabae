import { expect } from '@playwright/test';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { queryE2eDb } from '../../support/e2e-db';
import type { IdRef, Principal } from '../route-table';
import { sendJson } from './http';
import { ensureForeignAdmin, FOREIGN_ADMIN_EMAIL, signedInCookie } from './sessions';

export const PRINCIPAL_EMAILS: Record<Exclude<Principal, 'anonymous'>, string> = {
  tenant: 'tenant@example.com',
  landlord: 'landlord@example.com',
  admin: 'admin@example.com',
  foreignAdmin: FOREIGN_ADMIN_EMAIL,
};

export type Cookies = Record<Principal, string | null>;

/** One session per principal, signed in over HTTP. */
export async function signInPrincipals(): Promise<Cookies> {
  await ensureForeignAdmin();
  const cookies: Cookies = { anonymous: null, tenant: null, landlord: null, admin: null, foreignAdmin: null };
  for (const [principal, email] of Object.entries(PRINCIPAL_EMAILS) as [Exclude<Principal, 'anonymous'>, string][]) {
    cookies[principal] = await signedInCookie(email);
  }
  return cookies;
}

async function one<T extends Record<string, unknown>>(query: string, params: (string | number | null)[] = []): Promise<T> {
  const [row] = await queryE2eDb<T>(query, params);
  if (!row) throw new Error(`fixture query found nothing: ${query}`);
  return row;
}

const leaseOf = (email: string) => one<{ id: string }>('select l.id from leases l join users u on u.id = l.tenant_id where u.email = $1', [email]);
const paymentOf = (leaseId: string) =>
  one<{ id: string; receipt: string }>(
    "select id, mpesa_receipt_number as receipt from payments where lease_id = $1 and mpesa_receipt_number is not null and status = 'completed' order by paid_at limit 1",
    [leaseId],
  );

const idOf = (query: string, params: (string | number | null)[] = []) => one<{ id: string }>(query, params).then((row) => row.id);
const propertyNamed = (name: string) => idOf('select id from properties where name = $1', [name]);
const unitOf = (property: string, label: string) => idOf('select u.id from units u join properties p on p.id = u.property_id where p.name = $1 and u.label = $2', [property, label]);
const userOf = (email: string) => idOf('select id from users where email = $1', [email]);
const firstChargeOf = (leaseId: string) => idOf('select id from charges where lease_id = $1 order by due_date, created_at limit 1', [leaseId]);

/** The smallest PNG header the evidence store recognises (it checks the first bytes, not the name). */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('matrix fixture')]);

/**
 * A deduction of KES 1 from a lease's deposit, withdrawn at once through the API (so the deposit held is unchanged),
 * with one evidence file. Written in the database because the deduction route takes multipart forms, which the
 * request policy refuses (415) for every cookie caller; the file goes where the e2e app keeps evidence
 * (HAVEN_DATA_DIR, by default .data, from the same working directory).
 */
async function withdrawnDeduction(leaseId: string, withdrawer: string): Promise<{ deduction: string; evidence: string }> {
  const deduction = await one<{ id: string; agency_id: string }>(
    "insert into deposit_movements (agency_id, lease_id, kind, amount_cents, category, description) select agency_id, id, 'deduction', -100, 'other', 'Matrix fixture' from leases where id = $1 returning id, agency_id",
    [leaseId],
  );
  await created(sendJson('POST', `/api/v1/deposit/deductions/${deduction.id}/withdraw`, { reason: 'Matrix fixture' }, { cookie: withdrawer }), 'withdraw the fixture deduction');
  const storageKey = `${deduction.agency_id}/${randomUUID()}.png`;
  const file = path.resolve('.data', 'evidence', storageKey);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, PNG);
  const evidence = await idOf(
    "insert into deposit_evidence (agency_id, lease_id, movement_id, file_name, content_type, size_bytes, sha256, storage_key) values ($1, $2, $3, 'matrix.png', 'image/png', $4, $5, $6) returning id",
    [deduction.agency_id, leaseId, deduction.id, PNG.length, createHash('sha256').update(PNG).digest('hex'), storageKey],
  );
  return { deduction: deduction.id, evidence };
}

/** A deposit dispute raised by the lease's tenant and answered at once (an open one would hold up refunds). */
async function answeredDispute(leaseId: string, tenant: string, staff: string): Promise<string> {
  const dispute = await created(sendJson('POST', `/api/v1/leases/${leaseId}/deposit/disputes`, { message: 'Matrix fixture' }, { cookie: tenant }), 'raise the fixture dispute');
  const id = dispute.id as string;
  await created(sendJson('POST', `/api/v1/deposit/disputes/${id}/respond`, { response: 'Matrix fixture' }, { cookie: staff }), 'answer the fixture dispute');
  return id;
}

async function created(response: Promise<{ status: number; text: string }>, what: string): Promise<Record<string, unknown>> {
  const res = await response;
  expect(res.status, `${what}: ${res.text}`).toBeLessThan(300);
  return JSON.parse(res.text) as Record<string, unknown>;
}

/**
 * The ids the route table refers to: looked up in the demo data, or made through the API as a user would (a
 * refund and a reversal asked for and then rejected, so no money moves; two small STK pushes).
 */
export async function createFixtures(cookies: Cookies): Promise<Record<IdRef | 'receipt.other', string>> {
  const ownLease = (await leaseOf('tenant@example.com')).id;
  const otherLease = (await leaseOf('tenant2@example.com')).id;
  const ownPayment = await paymentOf(ownLease);
  const otherPayment = await paymentOf(otherLease);
  const george = await one<{ id: string }>("select id from users where email = 'george@example.com'");

  const landlord = cookies.landlord!;
  const admin = cookies.admin!;
  const ownPayout = await created(
    sendJson('POST', '/api/v1/mpesa/b2c', { leaseId: ownLease, phone: '0712345678', amount: 100, occasion: 'Refund', remarks: 'Matrix fixture', requestApproval: true }, { cookie: landlord }),
    'landlord payout request',
  );
  const otherPayout = await created(
    sendJson('POST', '/api/v1/mpesa/b2c', { leaseId: otherLease, phone: '0722123456', amount: 100, occasion: 'Refund', remarks: 'Matrix fixture', requestApproval: true }, { cookie: admin }),
    'admin payout request',
  );
  const ownReversal = await created(sendJson('POST', '/api/v1/mpesa/reverse', { transactionId: ownPayment.receipt, remarks: 'Matrix fixture' }, { cookie: landlord }), 'landlord reversal request');
  const payoutId = (ownPayout.payout as { id: string }).id;
  const otherPayoutId = (otherPayout.payout as { id: string }).id;
  const reversalId = (ownReversal.reversal as { id: string }).id;
  for (const id of [payoutId, otherPayoutId, reversalId]) {
    await created(sendJson('POST', `/api/v1/mpesa/payouts/${id}/reject`, { reason: 'Matrix fixture' }, { cookie: admin }), `reject ${id}`);
  }

  const ownPush = await created(sendJson('POST', '/api/v1/mpesa/stk-push', { leaseId: ownLease, amount: 10, phoneNumber: '0712345678' }, { cookie: cookies.tenant! }), 'Amina’s push');
  const brian = await signedInCookie('tenant2@example.com');
  const otherPush = await created(sendJson('POST', '/api/v1/mpesa/stk-push', { leaseId: otherLease, amount: 10, phoneNumber: '0722123456' }, { cookie: brian }), 'Brian’s push');

  // Umoja Lettings, the seeded second agency: its records are another agency's to every principal.
  const foreignLease = (await leaseOf('tenant@umoja.example.com')).id;

  // A metered water charge on each lease: nothing is charged until a reading is entered.
  const meter = { kind: 'water', description: 'Matrix meter', metered: 'metered', amount: '1', startPeriod: '2030-01' };
  const ownMeter = await created(sendJson('POST', `/api/v1/leases/${ownLease}/recurring-charges`, meter, { cookie: landlord }), 'landlord’s meter');
  const otherMeter = await created(sendJson('POST', `/api/v1/leases/${otherLease}/recurring-charges`, meter, { cookie: admin }), 'admin’s meter');
  const ownDeduction = await withdrawnDeduction(ownLease, landlord);
  const otherDeduction = await withdrawnDeduction(otherLease, admin);
  const ownDispute = await answeredDispute(ownLease, cookies.tenant!, landlord);
  const otherDispute = await answeredDispute(otherLease, brian, admin);
  // Someone to invite: added by landlord@ for the matrix, so invites go to nobody else.
  const [existingInvitee] = await queryE2eDb<{ id: string }>("select id from users where email = 'matrix-invitee@example.org'");
  const invitee = existingInvitee ?? (await created(
    sendJson('POST', '/api/v1/tenants', { name: 'Matrix Invitee', phone: '0799000777', email: 'matrix-invitee@example.org', idNumber: '' }, { cookie: landlord }),
    'the invitee',
  ));

  return {
    'lease.own': ownLease,
    'lease.foreign': foreignLease,
    'property.own': await propertyNamed('Kilimani Heights'),
    'property.other': await propertyNamed('Rongai Gardens'),
    'property.foreign': await propertyNamed('Umoja Court'),
    'unit.own': await unitOf('Kilimani Heights', 'C1'),
    'unit.other': await unitOf('Rongai Gardens', '03'),
    'unit.foreign': await unitOf('Umoja Court', '1B'),
    'tenant.own': await userOf('tenant@example.com'),
    'tenant.other': await userOf('tenant2@example.com'),
    'tenant.foreign': await userOf('tenant@umoja.example.com'),
    'tenant.invitee': invitee.id as string,
    'landlord.foreign': await userOf('landlord@umoja.example.com'),
    'charge.own': await firstChargeOf(ownLease),
    'charge.other': await firstChargeOf(otherLease),
    'charge.foreign': await firstChargeOf(foreignLease),
    'recurring.own': ownMeter.id as string,
    'recurring.other': otherMeter.id as string,
    'deduction.own': ownDeduction.deduction,
    'deduction.other': otherDeduction.deduction,
    'evidence.own': ownDeduction.evidence,
    'evidence.other': otherDeduction.evidence,
    'dispute.own': ownDispute,
    'dispute.other': otherDispute,
    'lease.other': otherLease,
    'payment.own': ownPayment.id,
    'payment.other': otherPayment.id,
    'receipt.other': otherPayment.receipt,
    'payout.own': payoutId,
    'payout.other': otherPayoutId,
    'reversal.own': reversalId,
    'stk.own': ownPush.checkoutRequestId as string,
    'stk.other': otherPush.checkoutRequestId as string,
    'user.other': george.id,
    malformed: '-'.repeat(36),
    missing: '7f3c2a10-5b6d-4e8f-9a0b-1c2d3e4f5a6b',
  };
}
