import { accessToken } from './ids';

/**
 * Issued tokens stay valid until they expire: SPEC §2 notes the portal claims a new token
 * invalidates the old one, but SDKs that cache one token per process say otherwise.
 */
export class TokenStore {
  private tokens = new Map<string, number>();

  issue(ttlSeconds: number, now = Date.now()): string {
    const token = accessToken();
    this.tokens.set(token, now + ttlSeconds * 1000);
    return token;
  }

  isValid(token: string, now = Date.now()): boolean {
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && expiresAt > now;
  }

  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  clear(): void {
    this.tokens.clear();
  }
}
