import { apiListContacts, apiUpsertContact, toApiContact } from '@/lib/api/contacts';
import { apiJson, parseJsonBody, parseQuery, withApiRoute } from '@/lib/api/route';
import { contactListQuerySchema, contactUpsertSchema } from '@/lib/api/schemas';

/** GET /api/v1/contacts — list (read). Filters: email, status, tag, updated_since; cursor pages. */
export const GET = withApiRoute('read', async ({ request, ctx }) => apiJson(await apiListContacts(ctx, parseQuery(request, contactListQuerySchema))));

/** POST /api/v1/contacts — upsert by email (write): 201 created, 200 updated. */
export const POST = withApiRoute('write', async ({ request, ctx }) => {
  const { contact, created } = await apiUpsertContact(ctx, await parseJsonBody(request, contactUpsertSchema));
  return apiJson({ data: toApiContact(contact), created }, created ? 201 : 200);
});
