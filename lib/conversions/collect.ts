import { createHmac, hkdfSync } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { CLICK_KINDS, CURRENCY, GOAL_KEY, type TrafficSource } from '@/lib/db/schema/conversions/constants';
import { classifyDevice, classifySource, referrerHost } from '@/lib/tracking/source';
import { runner } from '@/lib/tracking/store';
import { verifyClickId } from './click-id';

/**
 * The snippet's messages to POST /c/collect and their SQL (lib/conversions/http answers them).
 * A `view` is one prepared statement; a `conversion` takes the per-address flood attempt in one
 * statement, then recordConversion (lib/conversions/record) with via 'snippet'.
 */
export const MAX_COLLECT_BYTES = 4096;
/** workspaces.site_key: 32 hex characters by default; any 8–64 url-safe characters are accepted. */
export const SITE_KEY = /^[A-Za-z0-9_-]{8,64}$/;
export const COLLECT_IP_WINDOW_SECONDS = 10 * 60;
export const COLLECT_IP_LIMIT = 120;

/** Snippet conversions per address per workspace and 10 minutes. PULSE_COLLECT_IP_LIMIT overrides it for load tests only. */
export function collectIpLimit(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.PULSE_COLLECT_IP_LIMIT);
  return Number.isSafeInteger(raw) && raw > 0 ? raw : COLLECT_IP_LIMIT;
}

const common = {
  site: z.string().regex(SITE_KEY),
  url: z.string().max(2000).optional(),
  referrer: z.string().max(2000).optional(),
  utmSource: z.string().max(100).optional(),
  utmMedium: z.string().max(100).optional(),
  clickId: z.string().max(100).optional(),
};

export const collectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('view'), ...common }).strict(),
  z
    .object({
      type: z.literal('conversion'),
      ...common,
      goal: z.string().regex(GOAL_KEY),
      value: z.number().finite().min(0).max(1e10).optional(),
      currency: z.string().regex(CURRENCY).optional(),
      orderId: z.string().trim().min(1).max(200).optional(),
      email: z.email().max(320).optional(),
    })
    .strict(),
]);
export type CollectMessage = z.infer<typeof collectSchema>;

/** The host of the page the message came from (a same-host referrer is not a source). */
export function pageHostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

let visitorKey: { secret: string; key: Buffer } | null = null;

/**
 * The visitor of a view or snippet conversion: HMAC(site key, UTC day, IP, user agent), 96 bits.
 * Neither the address nor the user agent is stored; the key changes every day, so one person
 * cannot be followed across days or from one workspace's site to another's.
 */
export function visitorHash(siteKey: string, ip: string | null, userAgent: string | undefined, at = new Date()): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  if (visitorKey?.secret !== secret) visitorKey = { secret, key: Buffer.from(hkdfSync('sha256', secret, 'pulse-visitor', 'snippet', 32)) };
  const day = at.toISOString().slice(0, 10);
  return createHmac('sha256', visitorKey.key).update(`${siteKey}|${day}|${ip ?? ''}|${userAgent ?? ''}`).digest().subarray(0, 12).toString('base64url');
}

// The site, its origin rule and window; the view only when the origin may report. A click id
// (verified in JS) names a click of THIS workspace or nothing: its campaign and contact ride along.
const VIEW_SQL = `
with w as (
  select id, attribution_window_days as window_days,
         (cardinality(site_origins) = 0 or $2::text = any(site_origins)) as allowed
  from workspaces where site_key = $1::text
), e as (
  select e.id, e.campaign_id, e.contact_id from events e, w
  where $8::int = ${CLICK_KINDS.event} and e.id = $9::bigint and e.workspace_id = w.id and e.type in ('click', 'survey_followup')
), h as (
  select h.id, h.source from smartlink_hits h, w
  where $8::int = ${CLICK_KINDS.smartlink} and h.id = $9::bigint and h.workspace_id = w.id and h.type = 'click'
), ins as (
  insert into site_visits (workspace_id, visitor, source, device, referrer_host, utm_source, click_kind, click_ref, campaign_id, contact_id, created_at)
  select w.id, $3::text,
         coalesce(case when (select id from e) is not null then 'email' end, (select source from h), $4::text),
         $5::text, $6::text, $7::text,
         case when (select id from e) is not null or (select id from h) is not null then $8::int end,
         coalesce((select id from e), (select id from h)),
         (select campaign_id from e), (select contact_id from e), coalesce($10::timestamptz, now())
  from w where w.allowed
  returning id
)
select w.window_days, w.allowed, (select id from ins) as visit_id from w`;

export interface ViewInput {
  siteKey: string;
  origin: string | null;
  visitor: string;
  referrer?: string | null;
  utmSource?: string | null;
  utmMedium?: string | null;
  pageHost: string | null;
  userAgent?: string | null;
  clickId?: string | null;
  /** Default: now (the demo's history places its visits in the past). */
  at?: Date;
}

export type SiteAnswer = { found: false } | { found: true; allowed: boolean; windowDays: number };

/** Records one page view (one statement); `allowed` false: the origin may not report, nothing stored. */
export async function recordView(db: Db, v: ViewInput): Promise<SiteAnswer> {
  const source: TrafficSource = classifySource({ referrer: v.referrer, utmSource: v.utmSource, utmMedium: v.utmMedium, pageHost: v.pageHost });
  const ref = verifyClickId(v.clickId);
  const [row] = await runner(db)(VIEW_SQL, [
    v.siteKey,
    v.origin,
    v.visitor,
    source,
    classifyDevice(v.userAgent),
    v.pageHost && referrerHost(v.referrer) === v.pageHost ? null : referrerHost(v.referrer),
    v.utmSource?.slice(0, 100) ?? null,
    ref?.kind ?? 0,
    ref?.id ?? 0,
    v.at?.toISOString() ?? null,
  ]);
  if (!row) return { found: false };
  return { found: true, allowed: Boolean(row.allowed), windowDays: Number(row.window_days) };
}

// The site and its origin rule, and one hit from the per-address bucket when the origin may report.
const SITE_ATTEMPT_SQL = `
with w as (
  select id, attribution_window_days as window_days, (cardinality(site_origins) = 0 or $2::text = any(site_origins)) as allowed
  from workspaces where site_key = $1::text
), l as (
  insert into rate_limits as r (key, hits, window_start)
  select 'collect:' || w.id::text || '|ip:' || $3::text, 1, now() from w where w.allowed
  on conflict (key) do update set
    hits = case when r.window_start <= now() - $4::int * interval '1 second' then 1 else r.hits + 1 end,
    window_start = case when r.window_start <= now() - $4::int * interval '1 second' then now() else r.window_start end
  returning hits, ceil(extract(epoch from (r.window_start + $4::int * interval '1 second' - now())))::int as reset_in
)
select w.id, w.window_days, w.allowed, l.hits, l.reset_in from w left join l on true`;

export type SiteAttempt =
  | { found: false }
  | { found: true; allowed: false; windowDays: number }
  | { found: true; allowed: true; workspaceId: string; windowDays: number; throttled: number | null };

/** The workspace of a site key for a conversion, after one hit on the address's flood bucket. */
export async function siteAttempt(db: Db, siteKey: string, origin: string | null, ip: string | null): Promise<SiteAttempt> {
  const [row] = await runner(db)(SITE_ATTEMPT_SQL, [siteKey, origin, ip ?? 'unknown', COLLECT_IP_WINDOW_SECONDS]);
  if (!row) return { found: false };
  const windowDays = Number(row.window_days);
  if (!row.allowed) return { found: true, allowed: false, windowDays };
  const throttled = Number(row.hits) > collectIpLimit() ? Math.max(1, Number(row.reset_in)) : null;
  return { found: true, allowed: true, workspaceId: String(row.id), windowDays, throttled };
}
