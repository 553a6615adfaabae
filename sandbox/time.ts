/** Daraja timestamps and ids carry Kenyan local time (EAT, UTC+3, no daylight saving). */
const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;

export interface EatParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

export function eatParts(date: Date): EatParts {
  const t = new Date(date.getTime() + EAT_OFFSET_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    ms: t.getUTCMilliseconds(),
  };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYYMMDDHHmmss` */
export function darajaTimestamp(date: Date): string {
  const p = eatParts(date);
  return `${p.year}${p2(p.month)}${p2(p.day)}${p2(p.hour)}${p2(p.minute)}${p2(p.second)}`;
}

/** `YYYYMMDD`, also the key of a customer's "day" for daily limits. */
export function eatDate(date: Date): string {
  return darajaTimestamp(date).slice(0, 8);
}

/** B2C `TransactionCompletedDateTime`: `DD.MM.YYYY HH:mm:ss` */
export function dottedDateTime(date: Date): string {
  const p = eatParts(date);
  return `${p2(p.day)}.${p2(p.month)}.${p.year} ${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}`;
}

/** SMS style: `6/7/24 at 3:15 PM` */
export function smsDateTime(date: Date): string {
  const p = eatParts(date);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${p.day}/${p.month}/${String(p.year).slice(2)} at ${h12}:${p2(p.minute)} ${p.hour < 12 ? 'AM' : 'PM'}`;
}

/** True when `s` is a real calendar moment written as `YYYYMMDDHHmmss`. */
export function isDarajaTimestamp(s: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
}
