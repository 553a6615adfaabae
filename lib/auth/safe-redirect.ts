/**
 * Where to send someone after signing in: only a path of this app, never another site (ASVS 5.1.5). The value is
 * parsed as the browser would parse it — relative to the app's origin, so `/\evil.test`, `/%09/evil.test` and
 * `//evil.test` all resolve to another host and are refused — and then rebuilt from its path, so that what the
 * browser is finally sent cannot be read as a protocol-relative URL either.
 */
// Browsers drop tabs and newlines and read `\` as `/` before resolving a URL: refuse them (and every other
// control character or space) rather than guess what a browser would make of them.
const SUSPICIOUS = new RegExp(`[\\\\\\s${String.fromCodePoint(0)}-${String.fromCodePoint(0x1f)}${String.fromCodePoint(0x7f)}]`);

export function safeRedirectPath(next: unknown, appOrigin: string): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048 || !next.startsWith('/')) return null;
  if (SUSPICIOUS.test(next)) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(appOrigin);
    url = new URL(next, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const path = url.pathname.replace(/^\/+/, '/');
  return `${path}${url.search}${url.hash}`;
}
