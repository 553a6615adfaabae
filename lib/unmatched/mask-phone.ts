import { formatKenyanPhone } from '@/lib/phone';

/** `254712345678` → `0712 ••• 678`: enough for an admin to match a tenant's number, not to read it off the screen. */
export function maskPhone(msisdn: string | null): string | null {
  if (!msisdn) return null;
  const shown = formatKenyanPhone(msisdn);
  const m = /^(\d{4}) \d{3} (\d{3})$/.exec(shown);
  return m ? `${m[1]} ••• ${m[2]}` : `••• ${msisdn.slice(-3)}`;
}
