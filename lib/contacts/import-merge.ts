import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { executeRows } from '@/lib/db/sql';

export interface MergeCounts {
  inserted: number;
  updated: number;
  listed: number;
}

/**
 * Staging → contacts in one statement; run it inside the import's final transaction.
 * - In-file duplicates: the LAST row of an email wins (DISTINCT ON … ORDER BY line DESC), as if the
 *   rows were applied top to bottom.
 * - Existing contacts are updated, never duplicated: names only where the file has one, tags are
 *   added to the existing ones, attributes merged (the file wins per key). Status is never touched:
 *   an import must not resubscribe someone who unsubscribed, bounced or complained.
 * - Dates from another mail tool never move backwards: last open/click/purchase take the later of
 *   stored and file (greatest() skips nulls), the join date the earlier one (the old tool knew them first).
 * - Lifetime value follows the same rule as the last purchase: it only ever rises. The file's amount
 *   replaces a lower stored one, a lower or missing amount in the file leaves the stored one alone (a
 *   lifetime total does not shrink; an older export must not undo newer revenue).
 * - With a list, every merged contact (new or existing) becomes a member.
 */
export async function mergeStagedRows(
  tx: Db,
  p: { importId: string; workspaceId: string; listId: string | null },
): Promise<MergeCounts> {
  const addToList = p.listId
    ? sql`, listed as (
        insert into list_members (list_id, contact_id, workspace_id)
        select ${p.listId}::uuid, id, ${p.workspaceId}::uuid from merged
        on conflict do nothing
        returning 1
      )`
    : sql``;
  const listedCount = p.listId ? sql`(select count(*) from listed)::int` : sql`0`;
  const [counts] = await executeRows<{ inserted: number; updated: number; listed: number }>(
    tx,
    sql`
      with source as (
        select distinct on (email) email, first_name, last_name, tags, attributes,
          joined_at, last_open_at, last_click_at, last_purchase_at, lifetime_value_cents
        from contact_import_rows
        where import_id = ${p.importId}::uuid
        order by email, line desc
      ), merged as (
        insert into contacts (workspace_id, email, first_name, last_name, tags, attributes,
          joined_at, last_open_at, last_click_at, last_purchase_at, lifetime_value_cents)
        select ${p.workspaceId}::uuid, email, first_name, last_name, tags, attributes,
          coalesce(joined_at, now()), last_open_at, last_click_at, last_purchase_at, coalesce(lifetime_value_cents, 0)
        from source
        order by email
        on conflict (workspace_id, email) do update set
          first_name = coalesce(excluded.first_name, contacts.first_name),
          last_name = coalesce(excluded.last_name, contacts.last_name),
          tags = case when cardinality(excluded.tags) = 0 then contacts.tags
                 else contacts.tags || array(select t from unnest(excluded.tags) as t where not (t = any(contacts.tags))) end,
          attributes = contacts.attributes || excluded.attributes,
          joined_at = least(contacts.joined_at, excluded.joined_at),
          last_open_at = greatest(contacts.last_open_at, excluded.last_open_at),
          last_click_at = greatest(contacts.last_click_at, excluded.last_click_at),
          last_purchase_at = greatest(contacts.last_purchase_at, excluded.last_purchase_at),
          lifetime_value_cents = greatest(contacts.lifetime_value_cents, excluded.lifetime_value_cents),
          updated_at = now()
        returning id, (xmax = 0) as inserted
      )${addToList}
      select
        (count(*) filter (where inserted))::int as inserted,
        (count(*) filter (where not inserted))::int as updated,
        ${listedCount} as listed
      from merged`,
  );
  return counts;
}
