import { apiListEvents, apiRecordEvent } from '@/lib/api/events';
import { apiJson, parseJsonBody, parseQuery, withApiRoute } from '@/lib/api/route';
import { eventBodySchema, eventListQuerySchema } from '@/lib/api/schemas';

/** GET /api/v1/events?contactId=|email= — one contact's events, cursor pages (read). */
export const GET = withApiRoute('read', async ({ request, ctx }) => apiJson(await apiListEvents(ctx, parseQuery(request, eventListQuerySchema))));

/** POST /api/v1/events — a reply, site visit or app use the mail cannot see (write). */
export const POST = withApiRoute('write', async ({ request, ctx }) => apiJson(await apiRecordEvent(ctx, await parseJsonBody(request, eventBodySchema)), 201));
