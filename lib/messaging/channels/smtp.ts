import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DeliveryOutcome, OutgoingEmail } from './types';

/** Email over SMTP with nodemailer; one pooled transport per SMTP URL. */

const globalForSmtp = globalThis as unknown as { havenSmtp?: Map<string, Transporter> };

function transportFor(url: string): Transporter {
  globalForSmtp.havenSmtp ??= new Map();
  let transport = globalForSmtp.havenSmtp.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url, {});
    globalForSmtp.havenSmtp.set(url, transport);
  }
  return transport;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

/**
 * What an SMTP failure means for the message. A server reply settles it (4xx: try later, 5xx: refused for good);
 * a failure before DATA means the message never left; a lost connection during or after DATA may have delivered it.
 */
export function classifySmtpError(error: unknown): DeliveryOutcome {
  const e = (error ?? {}) as SmtpError;
  const text = `${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message ?? String(error)}`.slice(0, 300);
  if (e.responseCode && e.responseCode >= 500) return { kind: 'failed', error: text };
  if (e.responseCode && e.responseCode >= 400) return { kind: 'retry', error: text };
  if (e.code === 'ECONNECTION' || e.code === 'EDNS' || e.code === 'EAUTH' || e.code === 'ETLS' || e.command === 'CONN') return { kind: 'retry', error: text };
  if (e.command && e.command !== 'DATA' && e.command !== 'API') return { kind: 'retry', error: text };
  return { kind: 'unknown', error: text };
}

export async function sendSmtpEmail(email: OutgoingEmail, { smtpUrl }: { smtpUrl: string }): Promise<DeliveryOutcome> {
  try {
    const info = await transportFor(smtpUrl).sendMail({
      from: { name: email.fromName, address: email.fromAddress },
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      attachments: email.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.content), contentType: a.contentType, cid: a.cid })),
    });
    return { kind: 'sent', providerMessageId: info.messageId ?? email.messageId, providerStatus: String(info.response ?? '').slice(0, 200) || null };
  } catch (error) {
    return classifySmtpError(error);
  }
}
