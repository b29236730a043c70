import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { loggableError } from '@/lib/log/safe-error';
import { safeRedirectTarget } from './redirect';
import { clientIp } from './client-ip';
import { DEVICE_COOKIE } from './device';
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

function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: '/sign-in' },
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', loggableError(error));
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const result = await verifyCredentials(getDb(), {
          ...parsed.data,
          ip: clientIp(request.headers),
          deviceToken: cookieValue(request.headers.get('cookie'), DEVICE_COOKIE),
        });
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
        if (result.reason === 'throttled') throw new ThrottledLogin(result.retryAfterSec);
        throw new InvalidLogin();
      },
    }),
  ],
  callbacks: {
    /** The session version at sign-in travels in the cookie; getSessionUser compares it with the row. */
    jwt({ token, user }) {
      if (user) token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      (session as { sv?: number }).sv = typeof token.sv === 'number' ? token.sv : -1;
      return session;
    },
    /** Every redirect Auth.js makes goes through the same same-origin check as the sign-in form. */
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectTarget(url, baseUrl), baseUrl).toString();
    },
  },
});
