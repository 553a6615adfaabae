import { measureSms, toGsm7 } from '../gsm7';

/**
 * The first wording that fits one GSM-7 SMS, from the fullest to the tersest; people's names are made GSM-7 first.
 * If even the tersest does not fit, it is sent as it is (two parts cost more, but a message is never cut).
 */
export function fitSms(variants: string[]): string {
  const clean = variants.map(toGsm7);
  return clean.find((v) => measureSms(v).parts === 1) ?? clean[clean.length - 1]!;
}

/** A name cut to `max` characters, for the tersest wordings. */
export function shorten(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}.`;
}

const smsDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Nairobi', day: 'numeric', month: 'short' });
const smsTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Nairobi', hour: '2-digit', minute: '2-digit', hour12: false });

/** `2 Dec` and `2 Dec 14:05`, Nairobi time: short enough for an SMS. */
export function smsDate(at: Date | string): string {
  return smsDay.format(typeof at === 'string' ? new Date(`${at}T12:00:00+03:00`) : at);
}
export function smsDateTime(at: Date): string {
  return `${smsDay.format(at)} ${smsTime.format(at)}`;
}

/** `KES 12,000` without the non-breaking spaces Intl may use. */
export function smsKes(formatted: string): string {
  return formatted.replace(/\s/g, ' ');
}
