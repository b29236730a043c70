import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleSurvey } from '@/lib/surveys/http';
import { handleTracking } from '@/lib/tracking/http';

/** The bare /s/ and /t/ branches of scripts/server.ts behind a real node:http listener (random port). */
export async function startSurveyServer(): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/t/')) return handleTracking(req, res);
    if (req.url?.startsWith('/s/')) return handleSurvey(req, res);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The hidden one-time form id of a rendered survey page. */
export function submissionIdOf(html: string): string {
  const m = /name="submissionId" value="([A-Za-z0-9_-]+)"/.exec(html);
  if (!m) throw new Error('no submissionId in the page');
  return m[1];
}

/** `name=value` of a Set-Cookie header, for the next request's Cookie header. */
export function cookieOf(res: Response): string | null {
  const raw = res.headers.get('set-cookie');
  return raw ? raw.split(';')[0] : null;
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
