import type { Db } from '@/lib/db/client';
import type { SmartlinkTheme } from '@/lib/db/schema/smartlinks/constants';
import { runner } from '@/lib/tracking/store';

/**
 * The SmartLink hot path's SQL: one statement (one round trip) per hit, constant text so the
 * Postgres driver keeps it prepared on every pooled connection (lib/tracking/store `runner`).
 */

/** What a hit records besides its page and item. `visitor` is already a keyed hash. */
export interface HitMeta {
  visitor: string | null;
  /** null: a person; else why it is a machine ('bot' | 'preview' | 'prefetch' | 'head' | 'no-agent'). */
  machineReason: string | null;
  source: string | null;
  device: string | null;
  referrerHost: string | null;
}

const metaParams = (m: HitMeta) => [m.visitor, m.machineReason !== null, m.machineReason ?? '', m.source ?? '', m.device ?? '', m.referrerHost ?? ''];

// The published page by slug, its live items in order, the workspace's locale; the visit rides
// on the same statement (nothing is inserted for an unknown or unpublished slug).
export const VISIT_SQL = `
with p as (
  select p.id, p.workspace_id, p.slug, p.title, p.bio, p.avatar_url, p.theme, w.locale
  from smartlink_pages p join workspaces w on w.id = p.workspace_id
  where p.slug = $1::text and p.status = 'published'
), ins as (
  insert into smartlink_hits (workspace_id, page_id, type, visitor, machine, machine_reason, source, device, referrer_host)
  select workspace_id, id, 'visit', $2::text, $3::boolean, nullif($4::text, ''), nullif($5::text, ''), nullif($6::text, ''), nullif($7::text, '') from p
)
select p.id, p.slug, p.title, p.bio, p.avatar_url, p.theme::text as theme, p.locale,
       coalesce((select json_agg(json_build_object('id', i.id, 'kind', i.kind, 'label', i.label, 'imageUrl', i.image_url) order by i.position, i.id)
                 from smartlink_items i where i.page_id = p.id and i.archived_at is null), '[]')::text as items
from p`;

// The item must be a live item of THIS published page; the redirect target comes from this row only.
const CLICK_SQL = `
with t as (
  select i.id as item_id, i.url, i.workspace_id, i.page_id
  from smartlink_items i join smartlink_pages p on p.id = i.page_id and p.workspace_id = i.workspace_id
  where p.slug = $1::text and p.status = 'published' and i.id = $8::bigint and i.archived_at is null
), ins as (
  insert into smartlink_hits (workspace_id, page_id, item_id, type, visitor, machine, machine_reason, source, device, referrer_host)
  select workspace_id, page_id, item_id, 'click', $2::text, $3::boolean, nullif($4::text, ''), nullif($5::text, ''), nullif($6::text, ''), nullif($7::text, '') from t
  returning id
)
select t.url, ins.id from t, ins`;

export interface PublicItem {
  id: number;
  kind: 'button' | 'image' | 'video';
  label: string;
  imageUrl: string | null;
}

export interface PublicPage {
  id: string;
  slug: string;
  title: string;
  bio: string | null;
  avatarUrl: string | null;
  theme: SmartlinkTheme;
  locale: string;
  items: PublicItem[];
}

/** Loads the published page and records the visit (one statement); null (and nothing recorded) for an unknown or unpublished slug. */
export async function recordVisit(db: Db, slug: string, meta: HitMeta): Promise<PublicPage | null> {
  const [row] = await runner(db)(VISIT_SQL, [slug, ...metaParams(meta)]);
  if (!row) return null;
  return {
    id: String(row.id),
    slug: String(row.slug),
    title: String(row.title),
    bio: row.bio == null ? null : String(row.bio),
    avatarUrl: row.avatar_url == null ? null : String(row.avatar_url),
    theme: JSON.parse(String(row.theme)) as SmartlinkTheme,
    locale: String(row.locale),
    items: (JSON.parse(String(row.items)) as PublicItem[]).map((i) => ({ ...i, id: Number(i.id) })),
  };
}

/** Records a click on a live item of the published page `slug`; its stored URL and the hit's id, or null (nothing recorded). */
export async function recordItemClick(db: Db, slug: string, itemId: number, meta: HitMeta): Promise<{ url: string; hitId: number } | null> {
  const [row] = await runner(db)(CLICK_SQL, [slug, ...metaParams(meta), itemId]);
  return row ? { url: String(row.url), hitId: Number(row.id) } : null;
}

// Many hits at known times (the demo's history) with the rules above: a click only for an item of
// that page; the workspace is the page's own.
const HITS_SQL = `
with v as (
  select * from jsonb_to_recordset($1::text::jsonb)
    as v(page_id uuid, item_id bigint, type text, visitor text, machine_reason text, source text, device text, referrer_host text, at timestamptz)
), ins as (
  insert into smartlink_hits (workspace_id, page_id, item_id, type, visitor, machine, machine_reason, source, device, referrer_host, created_at)
  select p.workspace_id, p.id, case when v.type = 'click' then v.item_id end, v.type, v.visitor, v.machine_reason is not null, v.machine_reason,
         v.source, v.device, v.referrer_host, v.at
  from v join smartlink_pages p on p.id = v.page_id
  where v.type = 'visit'
     or (v.type = 'click' and exists (select 1 from smartlink_items i where i.id = v.item_id and i.page_id = p.id))
  order by v.at
  returning 1
)
select count(*)::int as n from ins`;

export interface TimedSmartlinkHit extends HitMeta {
  pageId: string;
  type: 'visit' | 'click';
  itemId?: number;
  at: Date;
}

/** Records visits and clicks that happened at known times; returns how many were recorded. */
export async function recordSmartlinkHits(db: Db, hits: TimedSmartlinkHit[]): Promise<number> {
  if (hits.length === 0) return 0;
  const rows = hits.map((h) => ({
    page_id: h.pageId,
    item_id: h.itemId ?? null,
    type: h.type,
    visitor: h.visitor,
    machine_reason: h.machineReason,
    source: h.source,
    device: h.device,
    referrer_host: h.referrerHost,
    at: h.at.toISOString(),
  }));
  const [row] = await runner(db)(HITS_SQL, [JSON.stringify(rows)]);
  return Number(row.n);
}
