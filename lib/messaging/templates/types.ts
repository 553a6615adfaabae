import type { DbOrTx } from '@/db/client';
import type { MessageRow } from '@/db/queries/messages';
import type { EmailAttachment } from '../channels/types';

/** What a template makes of one outbox row, for its channel, at send time. */
export type Rendered =
  | { skip: string }
  /** Not yet: try again at `until` (the attempt does not count). */
  | { defer: string; until: Date }
  | {
      fromName: string;
      subject: string | null;
      /** The SMS, or the email's text part. */
      text: string;
      html?: string;
      attachments?: EmailAttachment[];
      /** What admins see, when `text` holds a one-time link. */
      stored?: string;
    };

export interface RenderContext {
  db: DbOrTx;
  message: MessageRow;
  now: Date;
  appUrl: string;
}

export type Template = (ctx: RenderContext) => Promise<Rendered>;

export function payloadString(message: MessageRow, key: string): string {
  const value = message.payload[key];
  if (typeof value !== 'string') throw new Error(`Message ${message.id} (${message.kind}) has no ${key}`);
  return value;
}
