import { apiAddTags, toApiContact } from '@/lib/api/contacts';
import { apiJson, parseJsonBody, parseParams, withApiRoute } from '@/lib/api/route';
import { contactPathSchema, tagsBodySchema } from '@/lib/api/schemas';

/** POST /api/v1/contacts/{id}/tags — adds tags (write); answers the contact. */
export const POST = withApiRoute<{ id: string }>('write', async ({ request, ctx, params }) => {
  const { id } = parseParams(params, contactPathSchema, 'contactNotFound');
  const { tags } = await parseJsonBody(request, tagsBodySchema);
  return apiJson({ data: toApiContact(await apiAddTags(ctx, id, tags)) });
});
