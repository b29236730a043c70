import type { Db } from '@/lib/db/client';
import { webhookOutboxCtes } from '@/lib/webhooks/outgoing/outbox';
import type { Verdict } from './classify';

/**
 * The tracking path's SQL: one statement (one round trip) per hit, with constant text so the
 * Postgres driver can keep it prepared on every pooled connection. Written against the raw
 * client of the process-wide db (postgres-js or PGlite), not through drizzle's query builder.
 */
type Row = Record<string, unknown>;
export type Run = (text: string, params: unknown[]) => Promise<Row[]>;

interface PostgresJsClient {
  unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<Row[]>;
}
interface PgliteClient {
  query<T>(text: string, params: unknown[]): Promise<{ rows: T[] }>;
}

const runners = new WeakMap<object, Run>();

export function runner(db: Db): Run {
  let run = runners.get(db);
  if (run) return run;
  const client = (db as unknown as { $client?: unknown }).$client;
  if (typeof client === 'function' && typeof (client as Partial<PostgresJsClient>).unsafe === 'function') {
    const pg = client as unknown as PostgresJsClient;
    run = (text, params) => pg.unsafe(text, params, { prepare: true });
  } else if (client && typeof (client as Partial<PgliteClient>).query === 'function') {
    const lite = client as PgliteClient;
    run = async (text, params) => (await lite.query<Row>(text, params)).rows;
  } else {
    throw new Error('tracking needs the process-wide database (postgres-js or PGlite), not a transaction');
  }
  runners.set(db, run);
  return run;
}

// `early`: the hit came within the verdict's window after sent_at (prefetch / link scanner).
const SEND_WITH_EARLY = `
  select s.workspace_id, s.campaign_id, s.id as send_id, s.contact_id,
         coalesce(s.sent_at > now() - $3::int * interval '1 second', false) as early
  from campaign_sends s`;
const MACHINE = `$2::boolean or early`;
const META = `case when $2::boolean then jsonb_build_object('machine', $4::text)
                   when early then '{"machine":"early"}'::jsonb end`;

const OPEN_SQL = `
with t as (${SEND_WITH_EARLY} where s.id = $1::bigint)
insert into events (workspace_id, campaign_id, send_id, contact_id, type, machine, meta)
select workspace_id, campaign_id, send_id, contact_id, 'open', ${MACHINE}, ${META} from t`;

// The link must belong to the send's campaign; the redirect target comes from this row only.
const CLICK_SQL = `
with t as (
  select x.*, l.id as link_id, l.url from (${SEND_WITH_EARLY} where s.id = $1::bigint) x
  join campaign_links l on l.id = $5::bigint and l.campaign_id = x.campaign_id
), ins as (
  insert into events (workspace_id, campaign_id, send_id, contact_id, link_id, type, machine, meta)
  select workspace_id, campaign_id, send_id, contact_id, link_id, 'click', ${MACHINE}, ${META} from t
  returning id
)
select t.url, ins.id as event_id from t cross join ins`;

// Flips subscribed → unsubscribed; the event and the audit row ride on that flip, so a replay
// (or a concurrent second POST, which waits on the row lock and then sees the new status) adds none.
// So does the outgoing `contact.unsubscribed` webhook (lib/webhooks/outgoing/outbox).
const UNSUBSCRIBE_SQL = `
with s as (
  select s.id, s.workspace_id, s.campaign_id, s.contact_id, w.name as workspace_name, w.locale
  from campaign_sends s join workspaces w on w.id = s.workspace_id where s.id = $1::bigint
), u as (
  update contacts c set status = 'unsubscribed', updated_at = now() from s
  where c.id = s.contact_id and c.workspace_id = s.workspace_id and c.status = 'subscribed'
  returning c.id
), e as (
  insert into events (workspace_id, campaign_id, send_id, contact_id, type, machine)
  select s.workspace_id, s.campaign_id, s.id, s.contact_id, 'unsubscribe', false from s where exists (select 1 from u)
), a as (
  insert into audit_log (workspace_id, actor_user_id, action, target, data)
  select s.workspace_id, null, 'contact.unsubscribed', s.contact_id::text,
         jsonb_build_object('campaignId', s.campaign_id, 'sendId', s.id, 'via', $2::text)
  from s where exists (select 1 from u)
), ${webhookOutboxCtes(
  'wh',
  'contact.unsubscribed',
  `select s.workspace_id, jsonb_build_object('contactId', s.contact_id, 'email', c.email, 'via', $2::text, 'campaignId', s.campaign_id) as data
   from s join u on u.id = s.contact_id join contacts c on c.id = u.id`,
)}
select workspace_name, locale from s`;

const RECIPIENT_SQL = `
select w.name as workspace_name, w.locale, c.status
from campaign_sends s
join workspaces w on w.id = s.workspace_id
join contacts c on c.id = s.contact_id and c.workspace_id = s.workspace_id
where s.id = $1::bigint`;

// Many hits in one statement, each at its own time: the rules of OPEN_SQL and CLICK_SQL with the
// hit's time in place of now() (the early window is measured from sent_at to the hit).
const HITS_SQL = `
with v as (
  select * from jsonb_to_recordset($1::text::jsonb)
    as v(send_id bigint, link_id bigint, type text, machine boolean, reason text, window_seconds int, at timestamptz)
), t as (
  select s.workspace_id, s.campaign_id, s.id as send_id, s.contact_id, v.link_id, v.type, v.machine, v.reason, v.at,
         coalesce(s.sent_at > v.at - v.window_seconds * interval '1 second', false) as early
  from v join campaign_sends s on s.id = v.send_id
  where v.type = 'open'
     or (v.type = 'click' and exists (select 1 from campaign_links l where l.id = v.link_id and l.campaign_id = s.campaign_id))
), ins as (
  insert into events (workspace_id, campaign_id, send_id, contact_id, link_id, type, machine, meta, created_at)
  select workspace_id, campaign_id, send_id, contact_id, case when type = 'click' then link_id end, type, machine or early,
         case when machine then jsonb_build_object('machine', reason) when early then '{"machine":"early"}'::jsonb end, at
  from t order by at
  returning 1
)
select count(*)::int as n from ins`;

const verdictParams = (v: Verdict) => [v.machine, v.windowSeconds, v.reason ?? ''];

/** Records an open for the send; an unknown send records nothing. */
export async function recordOpen(db: Db, sendId: number, verdict: Verdict): Promise<void> {
  await runner(db)(OPEN_SQL, [sendId, ...verdictParams(verdict)]);
}

/**
 * Records a click and returns the link's URL with the click's event id (the click id names it), or
 * null (and records nothing) when the pair does not exist.
 */
export async function recordClick(db: Db, sendId: number, linkId: number, verdict: Verdict): Promise<{ url: string; eventId: number } | null> {
  const rows = await runner(db)(CLICK_SQL, [sendId, ...verdictParams(verdict), linkId]);
  return rows.length ? { url: String(rows[0].url), eventId: Number(rows[0].event_id) } : null;
}

export interface TimedHit {
  sendId: number;
  type: 'open' | 'click';
  /** Required for a click; it must be a link of the send's campaign. */
  linkId?: number;
  at: Date;
  verdict: Verdict;
}

/**
 * Records many opens and clicks that happened at known times (a history: the demo seed), with
 * the same rules as recordOpen / recordClick. Returns how many were recorded (unknown sends and
 * foreign links record nothing).
 */
export async function recordHits(db: Db, hits: TimedHit[]): Promise<number> {
  if (hits.length === 0) return 0;
  const rows = hits.map((h) => ({
    send_id: h.sendId,
    link_id: h.linkId ?? null,
    type: h.type,
    machine: h.verdict.machine,
    reason: h.verdict.reason ?? '',
    window_seconds: h.verdict.windowSeconds,
    at: h.at.toISOString(),
  }));
  const [row] = await runner(db)(HITS_SQL, [JSON.stringify(rows)]);
  return Number(row.n);
}

export interface Recipient {
  workspaceName: string;
  locale: string;
  subscribed: boolean;
}

export async function findRecipient(db: Db, sendId: number): Promise<Recipient | null> {
  const [row] = await runner(db)(RECIPIENT_SQL, [sendId]);
  if (!row) return null;
  return { workspaceName: String(row.workspace_name), locale: String(row.locale), subscribed: row.status === 'subscribed' };
}

/**
 * Unsubscribes the send's contact; null when the send does not exist. `via`: the mail's
 * unsubscribe link (and its one-click header) or the preference centre's "unsubscribe from everything".
 */
export async function unsubscribe(db: Db, sendId: number, via: 'link' | 'preferences' = 'link'): Promise<Omit<Recipient, 'subscribed'> | null> {
  const [row] = await runner(db)(UNSUBSCRIBE_SQL, [sendId, via]);
  if (!row) return null;
  return { workspaceName: String(row.workspace_name), locale: String(row.locale) };
}
