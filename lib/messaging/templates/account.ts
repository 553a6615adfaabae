import 'server-only';
import { getAgencyName } from '@/db/queries/messaging-settings';
import { getUserById } from '@/db/queries/users';
import { OUTBOX_LINK_CONTEXT, openAppSecret } from '@/lib/crypto/app-secrets';
import { formatDateTime } from '@/lib/format-time';
import { renderEmail } from './email-layout';
import { fitSms, shorten, smsDateTime } from './sms-fit';
import { payloadString, type Rendered, type RenderContext } from './types';

/**
 * Invitations and password resets carry a one-time link: it is opened from its sealed form only to send it, and
 * what is kept for admins shows `[one-time link]` instead.
 */
const HIDDEN = '[one-time link]';

export const leaseInvite = async ({ db, message }: RenderContext): Promise<Rendered> => {
  const link = openAppSecret(payloadString(message, 'sealedLink'), OUTBOX_LINK_CONTEXT);
  const expiresAt = new Date(payloadString(message, 'expiresAt'));
  const agencyName = await getAgencyName(db, { agencyId: message.agencyId });
  const user = message.recipientId ? await getUserById(db, { userId: message.recipientId }) : null;
  if (message.channel === 'email') {
    const content = (url: string) =>
      renderEmail({
        agencyName,
        heading: 'You are invited to Haven',
        paragraphs: [
          `Hello${user ? ` ${user.name.split(' ')[0]}` : ''}, ${agencyName} uses Haven for rent: you will see what you owe, pay with M-Pesa and get receipts.`,
          `Set your password to start. The link works once, until ${formatDateTime(expiresAt)} (Nairobi).`,
        ],
        button: { label: 'Set my password', url },
      });
    const sent = content(link);
    return { fromName: agencyName, subject: `${agencyName} invites you to Haven`, text: sent.text, html: sent.html, stored: content(HIDDEN).text };
  }
  const sms = (url: string) =>
    fitSms([
      `${agencyName} invites you to Haven to pay rent and get receipts. Set your password: ${url} (valid until ${smsDateTime(expiresAt)})`,
      `${shorten(agencyName, 20)} invites you to Haven. Set your password: ${url}`,
    ]);
  return { fromName: agencyName, subject: null, text: sms(link), stored: sms(HIDDEN) };
};

export const passwordReset = async ({ db, message }: RenderContext): Promise<Rendered> => {
  const link = openAppSecret(payloadString(message, 'sealedLink'), OUTBOX_LINK_CONTEXT);
  const agencyName = await getAgencyName(db, { agencyId: message.agencyId });
  if (message.channel === 'email') {
    const content = (url: string) =>
      renderEmail({
        agencyName,
        heading: 'Reset your password',
        paragraphs: ['Someone (we hope you) asked to reset your Haven password. The link works once, for 30 minutes.', 'If it was not you, ignore this email: your password stays as it is.'],
        button: { label: 'Choose a new password', url },
      });
    const sent = content(link);
    return { fromName: agencyName, subject: 'Reset your Haven password', text: sent.text, html: sent.html, stored: content(HIDDEN).text };
  }
  const sms = (url: string) => fitSms([`Haven: to reset your password, open ${url} within 30 minutes. Did not ask? Ignore this.`]);
  return { fromName: agencyName, subject: null, text: sms(link), stored: sms(HIDDEN) };
};
