import { toApiContact } from '@/lib/api/contacts';
import { apiJson, parseParams, withApiRoute } from '@/lib/api/route';
import { contactPathSchema } from '@/lib/api/schemas';
import { getContact } from '@/lib/contacts/query';

/** GET /api/v1/contacts/{id} — one contact of the key's workspace; any other id is 404. */
export const GET = withApiRoute<{ id: string }>('read', async ({ ctx, params }) => {
  const { id } = parseParams(params, contactPathSchema, 'contactNotFound');
  return apiJson({ data: toApiContact(await getContact({ ctx, input: { contactId: id } })) });
});
