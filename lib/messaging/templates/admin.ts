import 'server-only';
import { getPayoutById } from '@/db/queries/mpesa-b2c';
import { getReversalById } from '@/db/queries/mpesa-reversals';
import { getAgencyName } from '@/db/queries/messaging-settings';
import { getUserById } from '@/db/queries/users';
import { formatKes } from '@/lib/money';
import { describeApprovalReasons } from '@/lib/payments/approvals/approval-reasons';
import { formatKenyanPhone } from '@/lib/phone';
import { renderEmail } from './email-layout';
import { fitSms, shorten, smsKes } from './sms-fit';
import { payloadString, type Rendered, type RenderContext } from './types';

/** Alerts to an agency's admins: a request waiting for their approval, a failed daily proof, a low paybill balance. */

const plain = async (ctx: RenderContext, { subject, heading, paragraphs, rows, button, sms }: { subject: string; heading: string; paragraphs: string[]; rows?: [string, string][]; button?: { label: string; url: string }; sms: string[] }): Promise<Rendered> => {
  const agencyName = await getAgencyName(ctx.db, { agencyId: ctx.message.agencyId });
  if (ctx.message.channel === 'sms') return { fromName: agencyName, subject: null, text: fitSms(sms) };
  const { html, text } = renderEmail({ agencyName, heading, paragraphs, rows, button });
  return { fromName: agencyName, subject, text, html };
};

export const approvalRequest = async (ctx: RenderContext): Promise<Rendered> => {
  const type = payloadString(ctx.message, 'requestType');
  const id = payloadString(ctx.message, 'requestId');
  const request = type === 'reversal' ? await getReversalById(ctx.db, { reversalId: id }) : await getPayoutById(ctx.db, { payoutId: id });
  if (!request) return { skip: 'The request no longer exists' };
  if (request.status !== 'AWAITING_APPROVAL') return { skip: 'Already approved or rejected' };
  const requester = (await getUserById(ctx.db, { userId: request.requestedBy }))?.name ?? 'Someone';
  const amount = formatKes(request.amountCents);
  const what = 'phone' in request ? `${request.occasion.toLowerCase()} of ${amount} to ${formatKenyanPhone(request.phone)}` : `reversal of ${amount} (M-Pesa ${request.originalTransactionId})`;
  const url = `${ctx.appUrl}/payouts`;
  const why = describeApprovalReasons(request.approvalReasons, { viewerIsRequester: false, requesterName: requester });
  return plain(ctx, {
    subject: `Approval needed: ${what}`,
    heading: 'A request is waiting for your approval',
    paragraphs: [
      `${requester} asked for a ${what}.`,
      `Reason given: ${request.remarks}`,
      ...(why.length > 0 ? [`Why it needs approval: ${why.join('; ')}.`] : []),
      'Nothing is sent until another admin approves it.',
    ],
    button: { label: 'Review the request', url },
    sms: [`Haven: ${requester} asks approval for a ${what}. Review: ${url}`, `Haven: ${shorten(requester, 20)} asks approval for ${smsKes(amount)}. Review: ${url}`],
  });
};

export const dailyProofFailed = async (ctx: RenderContext): Promise<Rendered> => {
  const day = payloadString(ctx.message, 'day');
  const summary = payloadString(ctx.message, 'summary');
  const url = `${ctx.appUrl}/admin/mpesa`;
  return plain(ctx, {
    subject: `M-Pesa statement for ${day} does not match the books`,
    heading: `The books for ${day} are not proven`,
    paragraphs: [`M-Pesa's statement for ${day} and Haven's books differ: ${summary}`, 'Every difference is listed in the M-Pesa log.'],
    button: { label: 'See the differences', url },
    sms: [`Haven: the M-Pesa statement for ${day} does not match the books: ${summary}. Review: ${url}`, `Haven: the M-Pesa statement for ${day} does not match the books. Review: ${url}`],
  });
};

export const lowBalance = async (ctx: RenderContext): Promise<Rendered> => {
  const available = formatKes(Number(ctx.message.payload.availableCents));
  const threshold = formatKes(Number(ctx.message.payload.thresholdCents));
  const shortcode = payloadString(ctx.message, 'shortcode');
  return plain(ctx, {
    subject: `Paybill ${shortcode} balance is low: ${available}`,
    heading: 'The paybill balance is low',
    paragraphs: [`Paybill ${shortcode} has ${available} available, below ${threshold}.`, 'Deposit refunds and payouts fail while it cannot cover them.'],
    button: { label: 'See the balance', url: `${ctx.appUrl}/admin` },
    sms: [`Haven: paybill ${shortcode} balance is ${smsKes(available)}, below ${smsKes(threshold)}. Refunds and payouts may fail until it is topped up.`],
  });
};
