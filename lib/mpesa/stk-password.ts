import { darajaTimestamp } from './timestamp';

/**
 * The STK push/query `Password`: base64 of shortcode + passkey + Timestamp, plainly concatenated (SPEC §3.1).
 * The same Timestamp string must go in the body, so both are built together.
 */
export function buildStkPassword({ shortcode, passkey, timestamp }: { shortcode: string; passkey: string; timestamp: string }): string {
  return Buffer.from(`${shortcode}${passkey}${timestamp}`, 'utf8').toString('base64');
}

export function buildStkCredentials({ shortcode, passkey, now = new Date() }: { shortcode: string; passkey: string; now?: Date }) {
  const timestamp = darajaTimestamp(now);
  return { Timestamp: timestamp, Password: buildStkPassword({ shortcode, passkey, timestamp }) };
}
