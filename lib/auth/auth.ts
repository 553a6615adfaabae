import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getSourceAddress } from '@/lib/api/source-address';
import { getEnv } from '@/lib/env';
import { authenticateUser } from './authenticate';

class ThrottledSignIn extends CredentialsSignin {
  code = 'throttled';
}
class InvalidSignIn extends CredentialsSignin {
  code = 'invalid';
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: getEnv().authSecret,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidSignIn();
        const result = await authenticateUser(await getDb(), { ...parsed.data, address: getSourceAddress(request) });
        if (!result.ok) throw result.reason === 'throttled' ? new ThrottledSignIn() : new InvalidSignIn();
        return { id: result.caller.id, name: result.caller.name, email: result.caller.email };
      },
    }),
  ],
  callbacks: {
    // The token carries only the user id; role and agency are re-read from the database on every request.
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
