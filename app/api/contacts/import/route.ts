import { NextResponse } from 'next/server';
import { importContacts } from '@/lib/contacts/import';
import { IMPORT_LIMITS, type ContactImport } from '@/lib/db/schema';
import { importRequestSchema } from '@/lib/db/schema/contacts/validation';
import { assertSameOrigin, jsonError, routeError, routeWorkspaceCtx } from '@/lib/http/route-context';

function parseJson(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const serializeImport = (row: ContactImport) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

/**
 * POST /api/contacts/import?workspaceId=…&fileName=…&mapping={json}&listId=…  (body: the CSV, text/csv)
 * The body is handed to the import verb as a stream, never buffered here; the verb caps its size.
 * Answers the finished import: 200 when completed, 422 when the file failed (see `error`).
 */
export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const ctx = await routeWorkspaceCtx(request, 'member');
    // A custom content type also keeps cross-site forms out: they cannot send text/csv.
    if (request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() !== 'text/csv') {
      return jsonError(415, { code: 'VALIDATION', messageKey: 'unsupportedUpload' });
    }
    const declared = Number(request.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > IMPORT_LIMITS.maxFileBytes) {
      return jsonError(413, { code: 'VALIDATION', messageKey: 'uploadTooLarge' });
    }
    const params = new URL(request.url).searchParams;
    const parsed = importRequestSchema.safeParse({
      fileName: params.get('fileName') ?? undefined,
      mapping: parseJson(params.get('mapping')),
      listId: params.get('listId') || null,
    });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      return jsonError(400, { code: 'VALIDATION', messageKey: 'validation', issues });
    }
    if (!request.body) return jsonError(400, { code: 'VALIDATION', messageKey: 'unsupportedUpload' });
    const done = await importContacts({ ctx, input: { ...parsed.data, source: request.body } });
    return NextResponse.json(
      { import: serializeImport(done) },
      { status: done.status === 'failed' ? 422 : 200, headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (e) {
    return routeError(e, 'contacts.import');
  }
}
