import { apiJson, parseQuery, withApiRoute } from '@/lib/api/route';
import { apiListConversions } from '@/lib/api/reads';
import { conversionListQuerySchema } from '@/lib/api/schemas';

/**
 * GET /api/v1/conversions — recorded conversions, filter goal/since, cursor pages (read).
 * POST on this path never reaches Next.js: it is answered bare (lib/http/bare-paths.ts →
 * lib/conversions/api-http.ts); the OpenAPI document describes both.
 */
export const GET = withApiRoute('read', async ({ request, ctx }) => apiJson(await apiListConversions(ctx, parseQuery(request, conversionListQuerySchema))));
