import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { apiRateLimit, API_RATE_WINDOW_SECONDS } from './keys';
import { API_MAX_BODY_BYTES } from './route';
import {
  apiContactSchema,
  apiConversionSchema,
  apiEventSchema,
  apiSurveyResponseSchema,
  contactListQuerySchema,
  contactPathSchema,
  contactResultSchema,
  contactTagPathSchema,
  contactUpsertResultSchema,
  contactUpsertSchema,
  conversionBodySchema,
  conversionListQuerySchema,
  conversionRecordSchema,
  errorSchema,
  eventBodySchema,
  eventListQuerySchema,
  eventResultSchema,
  pageOf,
  surveyResponseListQuerySchema,
  tagListSchema,
  tagsBodySchema,
} from './schemas';

/**
 * The OpenAPI 3.1 document of the public API v1, built from the very zod schemas the handlers
 * validate with (lib/api/schemas). Served at GET /api/v1/openapi.json; the contract tests check
 * every real response against it.
 */
const json = (schema: z.ZodType, description: string, headers?: z.ZodObject) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
});

const rateHeaders = z.object({
  'X-RateLimit-Limit': z.string().meta({ description: `Requests per key per ${API_RATE_WINDOW_SECONDS} s.` }),
  'X-RateLimit-Remaining': z.string().meta({ description: 'Requests left in the current window.' }),
});

const errors = (...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 429)[]): ZodOpenApiResponsesObject => {
  const text: Record<number, string> = {
    400: 'Invalid query, body or cursor (with `issues`).',
    401: 'Missing, malformed, unknown or revoked key (one answer for all).',
    403: 'A read key on a write endpoint.',
    404: 'Not found in the key’s workspace.',
    409: 'Conflict.',
    413: `Body over ${API_MAX_BODY_BYTES} bytes.`,
    429: 'Over the key’s rate limit.',
  };
  const out: ZodOpenApiResponsesObject = {};
  for (const s of statuses) {
    out[String(s) as '400'] = json(
      errorSchema,
      text[s],
      s === 401
        ? z.object({ 'WWW-Authenticate': z.literal('Bearer') })
        : s === 429
          ? z.object({ 'Retry-After': z.string().meta({ description: 'Seconds until the window resets.' }) })
          : undefined,
    );
  }
  return out;
};

const readErrors = () => errors(400, 401, 429);
const writeErrors = () => errors(400, 401, 403, 413, 429);

function op(summary: string, rest: Omit<ZodOpenApiOperationObject, 'summary'>): ZodOpenApiOperationObject {
  return { summary, security: [{ bearer: [] }], ...rest };
}

let cached: { limit: number; doc: ReturnType<typeof createDocument> } | null = null;

/** The document (built once per rate limit: the limit is part of its description). */
export function openApiDocument() {
  const limit = apiRateLimit();
  if (cached?.limit !== limit) cached = { limit, doc: buildDocument() };
  return cached.doc;
}

function buildDocument() {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Pulse API',
      version: '1.0.0',
      description:
        `Authenticate with \`Authorization: Bearer pk_…\` (Settings → API keys; read or write scope). ` +
        `Each key may make ${apiRateLimit()} requests per ${API_RATE_WINDOW_SECONDS} s (429 with Retry-After beyond). ` +
        `Lists are newest first with an opaque \`cursor\` (\`nextCursor\` of the previous page) and \`limit\` 1–100. ` +
        `Every error is \`{ "error": { "code", "messageKey", "params"?, "issues"? } }\`.`,
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key, pk_…' } } },
    paths: {
      '/api/v1/contacts': {
        get: op('List contacts', {
          operationId: 'listContacts',
          requestParams: { query: contactListQuerySchema },
          responses: { '200': json(pageOf(apiContactSchema, 'ContactPage'), 'A page of contacts.', rateHeaders), ...readErrors() },
        }),
        post: op('Create or update a contact by email', {
          operationId: 'upsertContact',
          requestBody: { content: { 'application/json': { schema: contactUpsertSchema } } },
          responses: {
            '200': json(contactUpsertResultSchema, 'Updated.', rateHeaders),
            '201': json(contactUpsertResultSchema, 'Created.', rateHeaders),
            ...writeErrors(),
            ...errors(409),
          },
        }),
      },
      '/api/v1/contacts/{id}': {
        get: op('Get a contact', {
          operationId: 'getContact',
          requestParams: { path: contactPathSchema },
          responses: { '200': json(contactResultSchema, 'The contact.', rateHeaders), ...errors(401, 404, 429) },
        }),
      },
      '/api/v1/contacts/{id}/tags': {
        post: op('Add tags to a contact', {
          operationId: 'addContactTags',
          requestParams: { path: contactPathSchema },
          requestBody: { content: { 'application/json': { schema: tagsBodySchema } } },
          responses: { '200': json(contactResultSchema, 'The contact with its tags.', rateHeaders), ...writeErrors(), ...errors(404) },
        }),
      },
      '/api/v1/contacts/{id}/tags/{tag}': {
        delete: op('Remove a tag from a contact', {
          operationId: 'removeContactTag',
          requestParams: { path: contactTagPathSchema },
          responses: { '200': json(contactResultSchema, 'The contact without the tag.', rateHeaders), ...errors(401, 403, 404, 429) },
        }),
      },
      '/api/v1/tags': {
        get: op('List tags with their contact counts', {
          operationId: 'listTags',
          responses: { '200': json(tagListSchema, 'Tags.', rateHeaders), ...errors(401, 429) },
        }),
      },
      '/api/v1/events': {
        get: op('List a contact’s events', {
          operationId: 'listEvents',
          requestParams: { query: eventListQuerySchema },
          responses: { '200': json(pageOf(apiEventSchema, 'EventPage'), 'A page of events.', rateHeaders), ...readErrors(), ...errors(404) },
        }),
        post: op('Record a reply, site visit or app use', {
          operationId: 'recordEvent',
          description:
            'Moves the contact’s last reply / visit / app-use time forward. Where the workspace counts that signal as activity, it also moves last activity and ends the contact’s active sequence enrolments as reactivated.',
          requestBody: { content: { 'application/json': { schema: eventBodySchema } } },
          responses: { '201': json(eventResultSchema, 'Recorded.', rateHeaders), ...writeErrors(), ...errors(404) },
        }),
      },
      '/api/v1/conversions': {
        get: op('List conversions', {
          operationId: 'listConversions',
          requestParams: { query: conversionListQuerySchema },
          responses: { '200': json(pageOf(apiConversionSchema, 'ConversionPage'), 'A page of conversions.', rateHeaders), ...readErrors() },
        }),
        post: op('Record a conversion', {
          operationId: 'recordConversion',
          description: 'Server to server. A repeated orderId of the same goal counts once (200 duplicate).',
          requestBody: { content: { 'application/json': { schema: conversionBodySchema } } },
          responses: {
            '200': json(conversionRecordSchema, 'Duplicate: this order id of this goal was recorded before.'),
            '201': json(conversionRecordSchema, 'Recorded, attributed to the last click within the window when there was one.'),
            ...writeErrors(),
            ...errors(404),
          },
        }),
      },
      '/api/v1/survey-responses': {
        get: op('List survey responses', {
          operationId: 'listSurveyResponses',
          requestParams: { query: surveyResponseListQuerySchema },
          responses: { '200': json(pageOf(apiSurveyResponseSchema, 'SurveyResponsePage'), 'A page of responses.', rateHeaders), ...readErrors() },
        }),
      },
      '/api/v1/openapi.json': {
        get: {
          summary: 'This document',
          operationId: 'openApi',
          responses: { '200': { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
        },
      },
    },
  });
}
