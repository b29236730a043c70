import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleSurvey } from '@/lib/surveys/http';
import { handleTracking } from '@/lib/tracking/http';

/**
 * The public hot paths answered without Next.js: tracking hits (/t/…) and survey pages (/s/…).
 * One router for scripts/server.ts, the bench launcher and the integration tests' listener, so
 * what is measured and tested is what production routes. False: not a bare path.
 */
export function handleBarePath(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  if (url?.startsWith('/t/')) handleTracking(req, res);
  else if (url?.startsWith('/s/')) handleSurvey(req, res);
  else return false;
  return true;
}
