import { apiRemoveTag, toApiContact } from '@/lib/api/contacts';
import { apiJson, parseParams, withApiRoute } from '@/lib/api/route';
import { contactTagPathSchema } from '@/lib/api/schemas';

/** DELETE /api/v1/contacts/{id}/tags/{tag} — removes one tag (write); answers the contact. */
export const DELETE = withApiRoute<{ id: string; tag: string }>('write', async ({ ctx, params }) => {
  const { id, tag } = parseParams(params, contactTagPathSchema, 'contactNotFound');
  return apiJson({ data: toApiContact(await apiRemoveTag(ctx, id, tag)) });
});
