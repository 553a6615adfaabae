/**
 * What a provider call tells the worker. The difference between `retry` and `unknown` is the whole guarantee:
 * `retry` only when the provider certainly did not take the message (it answered with a refusal, or we never
 * reached it); `unknown` when it may have (no answer after the request left) — those are never resent by
 * themselves, because neither Africa's Talking's SMS API nor SMTP takes an idempotency key.
 */
export type DeliveryOutcome =
  | { kind: 'sent'; providerMessageId: string | null; providerStatus: string | null }
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string }
  | { kind: 'unknown'; error: string };

export interface SmsAccount {
  baseUrl: string;
  username: string;
  apiKey: string;
  senderId: string | null;
}

export interface OutgoingSms {
  account: SmsAccount;
  /** 2547XXXXXXXX */
  to: string;
  text: string;
}

export interface EmailAttachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
  /** Set for images shown inside the HTML (`<img src="cid:…">`). */
  cid?: string;
}

export interface OutgoingEmail {
  to: string;
  fromName: string;
  fromAddress: string;
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
  /** Stable per outbox row, so a copy sent again by hand threads with (and can be collapsed into) the first. */
  messageId: string;
}

/** The two providers, injectable so tests can crash a worker between the provider call and the mark. */
export interface Transports {
  sendSms(sms: OutgoingSms): Promise<DeliveryOutcome>;
  sendEmail(email: OutgoingEmail): Promise<DeliveryOutcome>;
}
