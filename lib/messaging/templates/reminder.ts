import 'server-only';
import { eq } from 'drizzle-orm';
import { getLeaseBalance, listLeaseCharges } from '@/db/queries/ledger';
import { getAgencyName } from '@/db/queries/messaging-settings';
import { agencies, charges, leases } from '@/db/schema';
import { formatDate, formatPeriod } from '@/lib/format-time';
import { formatKes } from '@/lib/money';
import { daysBetween, nairobiDate } from '../quiet-hours';
import { renderEmail } from './email-layout';
import { fitSms, shorten, smsDate, smsKes } from './sms-fit';
import { payloadString, type Rendered, type RenderContext } from './types';

/** A rent reminder, worded for its step: before the due day, on it, or after. Only while the rent is still owed. */
export const rentReminder = async ({ db, message, now, appUrl }: RenderContext): Promise<Rendered> => {
  const chargeId = payloadString(message, 'chargeId');
  const [charge] = await db
    .select({ leaseId: charges.leaseId, period: charges.period, dueDate: charges.dueDate, leaseStatus: leases.status, accountReference: leases.accountReference, paybill: agencies.paybillShortcode, agencyId: leases.agencyId })
    .from(charges).innerJoin(leases, eq(leases.id, charges.leaseId)).innerJoin(agencies, eq(agencies.id, leases.agencyId))
    .where(eq(charges.id, chargeId)).limit(1);
  if (!charge) return { skip: 'The charge no longer exists' };
  if (charge.leaseStatus !== 'active') return { skip: 'The lease is no longer active' };
  const outstanding = (await listLeaseCharges(db, { leaseId: charge.leaseId })).find((c) => c.id === chargeId)?.outstandingCents ?? 0;
  const owed = (await getLeaseBalance(db, { leaseId: charge.leaseId })).dueCents;
  if (outstanding <= 0 || owed <= 0) return { skip: 'Paid before the reminder went out' };

  const agencyName = await getAgencyName(db, { agencyId: charge.agencyId });
  const month = charge.period ? formatPeriod(charge.period) : 'this month';
  const shortMonth = month.split(' ')[0]!;
  const late = daysBetween(charge.dueDate, nairobiDate(now));
  const due = smsDate(charge.dueDate);
  const pay = `Pay with M-Pesa paybill ${charge.paybill}, account ${charge.accountReference}`;
  const payUrl = `${appUrl}/tenant/pay`;
  const when = late < 0 ? `is due on ${due}` : late === 0 ? 'is due today' : `was due on ${due} (${late} ${late === 1 ? 'day' : 'days'} ago)`;

  if (message.channel === 'email') {
    const heading = late <= 0 ? `Rent for ${month} ${late === 0 ? 'is due today' : `is due on ${formatDate(charge.dueDate)}`}` : `Rent for ${month} is overdue`;
    const { html, text } = renderEmail({
      agencyName,
      heading,
      paragraphs: [`You owe ${formatKes(owed)}. Rent for ${month} ${when}.`, `${pay}, or pay online.`, late > 0 ? 'Already paid? Thank you — please ignore this reminder.' : 'Thank you for paying on time.'],
      rows: [['Amount owed', formatKes(owed)], ['Due', formatDate(charge.dueDate)], ['Paybill', charge.paybill], ['Account', charge.accountReference]],
      button: { label: 'Pay rent', url: payUrl },
    });
    return { fromName: agencyName, subject: `${heading}: ${formatKes(owed)}`, text, html };
  }
  const a = smsKes(formatKes(owed));
  return {
    fromName: agencyName,
    subject: null,
    text: fitSms([
      `${agencyName}: rent for ${month} ${when}. You owe ${a}. ${pay}, or at ${payUrl}`,
      `${shorten(agencyName, 20)}: rent for ${shortMonth} ${when}. You owe ${a}. ${pay}.`,
      `${shorten(agencyName, 14)}: rent ${when}. Owed ${a}. Paybill ${charge.paybill} acc ${charge.accountReference}.`,
    ]),
  };
};
