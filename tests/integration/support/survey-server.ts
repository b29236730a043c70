/** The survey tests' listener is the tracking tests' one: both bare paths, as scripts/server.ts routes them. */
export { startTrackingServer as startSurveyServer } from './campaigns';

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
