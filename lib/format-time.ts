/** Times are stored in UTC and always shown in Kenyan time, whatever the server's or browser's zone. */

export const NAIROBI = 'Africa/Nairobi';

const dateTime = new Intl.DateTimeFormat('en-KE', {
  timeZone: NAIROBI, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('en-KE', { timeZone: NAIROBI, day: 'numeric', month: 'short', year: 'numeric' });
const monthYear = new Intl.DateTimeFormat('en-KE', { timeZone: NAIROBI, month: 'long', year: 'numeric' });

const toDate = (value: Date | string | number) => (value instanceof Date ? value : new Date(value));

/** `21 Nov 2026, 14:05` in Nairobi time. */
export function formatDateTime(value: Date | string | number): string {
  return dateTime.format(toDate(value));
}

export function formatDate(value: Date | string | number): string {
  return dateOnly.format(toDate(value));
}

/** A rent period `2026-11` → `November 2026`. */
export function formatPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number);
  if (!y || !m) return period;
  return monthYear.format(new Date(Date.UTC(y, m - 1, 15)));
}

/** "2 min ago", "just now", "3 h ago", for freshness labels. */
export function formatRelative(value: Date | string | number, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - toDate(value).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return formatDate(value);
}
