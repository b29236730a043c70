import { NextResponse, type NextRequest } from 'next/server';

/** Passes the path on so i18n can default to the language of the workspace in the URL. */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-pulse-pathname', request.nextUrl.pathname);
  return NextResponse.next({ request: { headers } });
}

// Not for api/contacts: a proxy makes Next.js copy the request body (and cut it at 10 MB), and the
// CSV import must stream its upload straight into the import.
export const config = { matcher: ['/((?!_next/|favicon.ico|api/auth|api/contacts).*)'] };
