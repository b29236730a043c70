import { openApiDocument } from '@/lib/api/openapi';

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of the public API (public, cacheable). */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
