import { expect } from '@playwright/test';
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

  return {
    'lease.own': ownLease,
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
