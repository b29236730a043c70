import { apiListTags } from '@/lib/api/contacts';
import { apiJson, withApiRoute } from '@/lib/api/route';

/** GET /api/v1/tags — every tag in use with its number of contacts (read). */
export const GET = withApiRoute('read', async ({ ctx }) => apiJson(await apiListTags(ctx)));
