import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import type { ImportNotice } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { messageKey } from '@/lib/i18n/message-key';

/**
 * Rows of the staged file whose address appears again further down: the last row wins (see
 * mergeStagedRows), so each earlier row gets a notice naming the line that won.
 */
export async function inFileDuplicates(tx: Db, importId: string, emailColumn: string, limit: number): Promise<ImportNotice[]> {
  const rows = await executeRows<{ line: number; email: string; won: number }>(
    tx,
    sql`
      select line, email, won from (
        select line, email, max(line) over (partition by email) as won
        from contact_import_rows where import_id = ${importId}::uuid
      ) d
      where line <> won
      order by line
      limit ${limit}`,
  );
  return rows.map((r) => ({
    line: Number(r.line),
    reason: messageKey('contactImport.notices.duplicate', { won: Number(r.won) }),
    field: emailColumn,
    value: r.email,
  }));
}
