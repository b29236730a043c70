import { NextResponse, type NextRequest } from 'next/server';

/** Passes the path on so i18n can default to the language of the workspace in the URL. */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-pulse-pathname', request.nextUrl.pathname);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/((?!_next/|favicon.ico|api/auth).*)'] };
