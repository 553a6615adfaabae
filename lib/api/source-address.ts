/** The caller's address as the proxy in front of us reports it (the first X-Forwarded-For hop). */
export function getSourceAddress(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first || request.headers.get('x-real-ip') || null;
}
