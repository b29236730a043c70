import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleConversionApi } from '@/lib/conversions/api-http';
import { handleCollect } from '@/lib/conversions/http';
import { handleSmartlink } from '@/lib/smartlinks/http';
import { handleSurvey } from '@/lib/surveys/http';
import { handleTracking } from '@/lib/tracking/http';

/** The server-to-server conversion call: POST only; GET /api/v1/conversions (a list) stays with Next.js. */
export const CONVERSION_API_PATH = '/api/v1/conversions';

/**
 * The public hot paths answered without Next.js: tracking hits (/t/…), survey pages (/s/…),
 * SmartLink pages (/l/…), the browser snippet and its collector (/c/…) and the conversion API
 * call (POST /api/v1/conversions). One router for scripts/server.ts, the bench launcher and the
 * integration tests' listener, so what is measured and tested is what production routes.
 * False: not a bare path.
 */
export function handleBarePath(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  if (!url) return false;
  if (url.startsWith('/t/')) handleTracking(req, res);
  else if (url.startsWith('/s/')) handleSurvey(req, res);
  else if (url.startsWith('/l/')) handleSmartlink(req, res);
  else if (url.startsWith('/c/')) handleCollect(req, res);
  else if (req.method === 'POST' && (url === CONVERSION_API_PATH || url.startsWith(`${CONVERSION_API_PATH}?`))) handleConversionApi(req, res);
  else return false;
  return true;
}
