import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, HSTS, newNonce, PERMISSIONS_POLICY, servedOverHttps } from '@/lib/http/security-headers';

/**
 * Every page: a per-request CSP nonce (Next.js reads it from the request's CSP header and puts it
 * on its scripts), Permissions-Policy, HSTS behind HTTPS (lib/http/security-headers), and the path
 * passed on so i18n can default to the language of the workspace in the URL.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set('x-pulse-pathname', request.nextUrl.pathname);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  response.headers.set('permissions-policy', PERMISSIONS_POLICY);
  if (servedOverHttps(request.headers)) response.headers.set('strict-transport-security', HSTS);
  return response;
}

// Not for api/contacts: a proxy makes Next.js copy the request body (and cut it at 10 MB), and the
// CSV import must stream its upload straight into the import.
export const config = { matcher: ['/((?!_next/|favicon.ico|api/auth|api/contacts).*)'] };
