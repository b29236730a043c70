import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { clientIp } from './client-ip';
import { verifyCredentials } from './verify';

export class InvalidLogin extends CredentialsSignin {
  code = 'invalid';
}
export class ThrottledLogin extends CredentialsSignin {
  constructor(readonly retryAfterSec: number) {
    super();
    this.code = `throttled:${retryAfterSec}`;
  }
}

const credentials = z.object({ email: z.string().max(254), password: z.string().max(200) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const result = await verifyCredentials(getDb(), { ...parsed.data, ip: clientIp(request.headers) });
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
        if (result.reason === 'throttled') throw new ThrottledLogin(result.retryAfterSec);
        throw new InvalidLogin();
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
