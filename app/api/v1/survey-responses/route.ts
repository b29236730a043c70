import { apiJson, parseQuery, withApiRoute } from '@/lib/api/route';
import { apiListSurveyResponses } from '@/lib/api/reads';
import { surveyResponseListQuerySchema } from '@/lib/api/schemas';

/** GET /api/v1/survey-responses — filter surveyId, category, since; cursor pages (read). */
export const GET = withApiRoute('read', async ({ request, ctx }) => apiJson(await apiListSurveyResponses(ctx, parseQuery(request, surveyResponseListQuerySchema))));
