import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { bumpSessionVersion } from '@/db/queries/users';
import { getSourceAddress } from '@/lib/api/source-address';
import { isSafeSingleLine } from '@/lib/validation/strict';
import { createAuthConfig } from './auth-config';
import { authenticateUser } from './authenticate';

export class ThrottledSignIn extends CredentialsSignin {
  code = 'throttled';
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}
class InvalidSignIn extends CredentialsSignin {
  code = 'invalid';
}

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(254).refine(isSafeSingleLine),
  password: z.string().min(1).max(200).refine(isSafeSingleLine),
});

const config = createAuthConfig();

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...config,
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidSignIn();
        const result = await authenticateUser(await getDb(), { ...parsed.data, address: getSourceAddress(request) });
        if (!result.ok) throw result.reason === 'throttled' ? new ThrottledSignIn(result.retryAfterSeconds) : new InvalidSignIn();
        return { id: result.caller.id, name: result.caller.name, email: result.caller.email, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  events: {
    // Signing out ends the session everywhere, server-side: the token alone would stay valid until it expires.
    // Only a token that is still current may do it, so a stolen old cookie cannot keep signing its owner out.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (!token?.sub || typeof token.sv !== 'number') return;
      await bumpSessionVersion(await getDb(), { userId: token.sub, ifVersion: token.sv });
    },
  },
});
