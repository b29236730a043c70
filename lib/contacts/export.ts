import { sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { writeAudit } from '@/lib/db/audit';
import { safeRow } from '@/lib/csv/safe-cell';
import { contacts, IMPORT_LIMITS, type Contact } from '@/lib/db/schema';
import type { ContactFilter } from '@/lib/db/schema/contacts/validation';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { contactFilterWhere, contactsPage } from './query';

const EXPORT_BATCH = 1000;
const FIXED_COLUMNS = [
  'email',
  'first_name',
  'last_name',
  'status',
  'tags',
  'joined_at',
  'last_open_at',
  'last_click_at',
  'last_purchase_at',
  /** In the workspace currency with a decimal point ("1234.56"); the import reads it back (lifetime value). */
  'lifetime_value',
  'created_at',
] as const;
/** Header of an attribute column; the import maps it back with `attributes: { key: 'attributes.key' }`. */
export const attributeHeader = (key: string) => `attributes.${key}`;

export interface ExportContactsInput {
  filter: ContactFilter;
  /** `;` with `bom: true` opens cleanly in Dutch Excel. */
  delimiter?: ',' | ';';
  bom?: boolean;
}

/**
 * CSV of any filtered contacts view (the listContacts filter). Checks and the audit row happen
 * before this resolves, so a foreign list or segment is NOT_FOUND instead of a broken download;
 * the returned generator then yields CSV text one batch of contacts at a time.
 */
export async function exportContacts({ ctx, input }: { ctx: WorkspaceCtx; input: ExportContactsInput }): Promise<AsyncGenerator<string>> {
  assertRole(ctx, 'viewer');
  const where = await contactFilterWhere(ctx.db, ctx, input.filter);
  const keys = await executeRows<{ key: string }>(
    ctx.db,
    sql`select distinct k as key from ${contacts} cross join lateral jsonb_object_keys(${contacts.attributes}) as k
        where ${where} order by 1 limit ${IMPORT_LIMITS.maxColumns}`,
  );
  const attributeKeys = keys.map((k) => k.key);
  await withTransaction(ctx.db, (tx) =>
    writeAudit(tx, ctx, 'contacts.exported', undefined, { filter: input.filter, attributes: attributeKeys.length }),
  );
  return csvBatches(ctx, where, attributeKeys, input);
}

async function* csvBatches(
  ctx: WorkspaceCtx,
  where: Awaited<ReturnType<typeof contactFilterWhere>>,
  attributeKeys: string[],
  input: ExportContactsInput,
): AsyncGenerator<string> {
  const header = [...FIXED_COLUMNS, ...attributeKeys.map(attributeHeader)];
  const options = { delimiter: input.delimiter ?? ',', record_delimiter: 'windows' as const };
  yield stringify([safeRow(header)], { ...options, bom: input.bom ?? false });
  let cursor: string | undefined;
  do {
    const page = await contactsPage(ctx.db, where, cursor, EXPORT_BATCH);
    if (page.items.length > 0) yield stringify(page.items.map((c) => toRecord(c, attributeKeys)), options);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

function toRecord(c: Contact, attributeKeys: string[]): string[] {
  const iso = (d: Date | null) => (d ? d.toISOString() : '');
  return safeRow([
    c.email,
    c.firstName ?? '',
    c.lastName ?? '',
    c.status,
    c.tags.join(', '),
    iso(c.joinedAt),
    iso(c.lastOpenAt),
    iso(c.lastClickAt),
    iso(c.lastPurchaseAt),
    (c.lifetimeValueCents / 100).toFixed(2),
    iso(c.createdAt),
    ...attributeKeys.map((k) => c.attributes[k] ?? ''),
  ]);
}
