import { readFileSync } from 'node:fs';
import type { StoredEmail } from '../../mailbox/mailbox';
import { E2E_MAILBOX_FILE } from './e2e-env';

/** The Playwright app's mailbox, read over its JSON API (attachments by URL). */
export function e2eMailboxUrl(): string {
  return (JSON.parse(readFileSync(E2E_MAILBOX_FILE, 'utf8')) as { url: string }).url;
}

export type MailSummary = Omit<StoredEmail, 'attachments'> & { attachments: Omit<StoredEmail['attachments'][number], 'content'>[] };

export async function listEmails(): Promise<MailSummary[]> {
  return (await (await fetch(`${e2eMailboxUrl()}/api/messages`)).json()) as MailSummary[];
}

export async function getEmail(id: string): Promise<MailSummary> {
  return (await (await fetch(`${e2eMailboxUrl()}/api/messages/${id}`)).json()) as MailSummary;
}

export async function getAttachment(id: string, index: number): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(`${e2eMailboxUrl()}/messages/${id}/attachments/${index}`)).arrayBuffer());
}
