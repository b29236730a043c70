import { NextResponse } from 'next/server';
import { importContacts } from '@/lib/contacts/import';
import { IMPORT_LIMITS, type ContactImport } from '@/lib/db/schema';
import { importRequestSchema } from '@/lib/db/schema/contacts/validation';
import { declaredTooLarge } from '@/lib/http/body';
import { HttpError } from '@/lib/http/route-context';
import { withWorkspaceRoute } from '@/lib/http/workspace-route';

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
export const POST = withWorkspaceRoute('member', async ({ request, ctx }) => {
  // A custom content type also keeps cross-site forms out: they cannot send text/csv.
  if (request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() !== 'text/csv') {
    throw new HttpError(415, 'VALIDATION', 'unsupportedUpload');
  }
  // The body itself streams into the verb, which caps what it reads; a declared size is refused now.
  if (declaredTooLarge(request.headers.get('content-length'), IMPORT_LIMITS.maxFileBytes)) {
    throw new HttpError(413, 'VALIDATION', 'uploadTooLarge');
  }
  const params = new URL(request.url).searchParams;
  const parsed = importRequestSchema.safeParse({
    fileName: params.get('fileName') ?? undefined,
    mapping: parseJson(params.get('mapping')),
    listId: params.get('listId') || null,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new HttpError(400, 'VALIDATION', 'validation', {}, { issues });
  }
  if (!request.body) throw new HttpError(400, 'VALIDATION', 'unsupportedUpload');
  const done = await importContacts({ ctx, input: { ...parsed.data, source: request.body } });
  return NextResponse.json(
    { import: serializeImport(done) },
    { status: done.status === 'failed' ? 422 : 200, headers: { 'Cache-Control': 'no-store' } },
  );
});
