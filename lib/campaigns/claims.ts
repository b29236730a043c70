import { and, eq, exists, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaigns, campaignSends, contacts, sequenceEnrolments, type SendStatus } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import type { MergeContact } from './merge-tags';

/**
 * The state machine of campaign_sends rows, one statement per transition. Every transition out
 * of `claimed` is fenced by the claim token (claimed_by): a worker whose claim was recovered and
 * handed to someone else can no longer touch the row, so it can never send it.
 */
export interface ClaimedSend {
  id: number;
  /** claimed_by: `<worker id>#<claim no>`, unique per claim. */
  token: string;
  email: string;
  variantKey: string | null;
  contact: MergeContact;
  /** False when the contact unsubscribed (or bounced) after the campaign started. */
  subscribed: boolean;
}

/** Claims up to `limit` pending, not held rows of a `sending` campaign (SKIP LOCKED: never a row another worker holds). */
export async function claimSends(db: Db, opts: { campaignId: string; token: string; limit: number }): Promise<ClaimedSend[]> {
  const picked = db
    .select({ id: campaignSends.id })
    .from(campaignSends)
    .where(
      and(
        eq(campaignSends.campaignId, opts.campaignId),
        eq(campaignSends.status, 'pending'),
        eq(campaignSends.heldForWinner, false),
        exists(db.select({ one: sql`1` }).from(campaigns).where(and(eq(campaigns.id, opts.campaignId), eq(campaigns.status, 'sending')))),
      ),
    )
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(campaignSends)
    .set({ status: 'claimed', claimedBy: opts.token, claimedAt: sql`now()` })
    .where(inArray(campaignSends.id, picked))
    .returning({
      id: campaignSends.id,
      contactId: campaignSends.contactId,
      email: campaignSends.email,
      variantKey: campaignSends.variantKey,
      enrolmentId: campaignSends.enrolmentId,
    });
  if (claimed.length === 0) return [];
  // A sequence step's row: its enrolment's days away and announced removal date (merge tags).
  const enrolmentIds = claimed.flatMap((c) => (c.enrolmentId === null ? [] : [c.enrolmentId]));
  const enrolments = enrolmentIds.length
    ? await db
        .select({ id: sequenceEnrolments.id, daysAway: sequenceEnrolments.daysAway, sunsetAt: sequenceEnrolments.sunsetAt })
        .from(sequenceEnrolments)
        .where(inArray(sequenceEnrolments.id, enrolmentIds))
    : [];
  const enrolmentById = new Map(enrolments.map((e) => [e.id, e]));
  const people = await db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      joinedAt: contacts.joinedAt,
      attributes: contacts.attributes,
      status: contacts.status,
    })
    .from(contacts)
    .where(inArray(contacts.id, claimed.map((c) => c.contactId)));
  const byId = new Map(people.map((p) => [p.id, p]));
  return claimed
    .sort((a, b) => a.id - b.id)
    .map((row) => {
      const p = byId.get(row.contactId);
      const e = row.enrolmentId === null ? undefined : enrolmentById.get(row.enrolmentId);
      return {
        id: row.id,
        token: opts.token,
        email: row.email,
        variantKey: row.variantKey,
        contact: {
          email: row.email,
          firstName: p?.firstName,
          lastName: p?.lastName,
          joinedAt: p?.joinedAt,
          attributes: p?.attributes,
          ...(e ? { daysAway: e.daysAway, sunsetAt: e.sunsetAt } : {}),
        },
        subscribed: p?.status === 'subscribed',
      };
    });
}

const recordset = (rows: object[]) => sql`${JSON.stringify(rows)}::jsonb`;

export type SendOutcome = { id: number; token: string } & (
  | { status: 'sent' }
  | { status: 'failed' | 'unknown' | 'cancelled'; error: string }
  /** Not handed to the SMTP server at all (it was unreachable): safe to send later. */
  | { status: 'pending' }
);

/** claimed → attempting; the rows it returns are the ones this claim may send. */
const attemptSql = (rows: { id: number; token: string }[]) =>
  sql`update ${campaignSends} s set status = 'attempting'
      from jsonb_to_recordset(${recordset(rows.map((r) => ({ id: r.id, token: r.token })))}) as v(id bigint, token text)
      where s.id = v.id and s.claimed_by = v.token and s.status = 'claimed'
      returning s.id`;

/** `sent` may also upgrade a row recovery already marked `unknown` (the owner knows better). */
const outcomeSql = (outcomes: SendOutcome[]) =>
  sql`update ${campaignSends} s set
        status = v.status,
        sent_at = case when v.status = 'sent' then now() else s.sent_at end,
        error = v.error,
        claimed_by = case when v.status = 'pending' then null else s.claimed_by end,
        claimed_at = case when v.status = 'pending' then null else s.claimed_at end
      from jsonb_to_recordset(${recordset(outcomes.map((o) => ({ id: o.id, token: o.token, status: o.status, error: 'error' in o ? o.error.slice(0, 500) : null })))})
        as v(id bigint, token text, status text, error text)
      where s.id = v.id and s.claimed_by = v.token
        and (s.status in ('claimed', 'attempting') or (s.status = 'unknown' and v.status = 'sent'))
      returning s.id`;

/**
 * One statement, one round trip: records `outcomes` and moves `attempts` from claimed to
 * attempting. Committed BEFORE the SMTP conversation of those rows starts: if the worker dies
 * after this, recovery sees `attempting` and never sends them again. Returns the ids it may send.
 */
export async function transition(db: Db, change: { outcomes?: SendOutcome[]; attempts?: { id: number; token: string }[] }): Promise<Set<number>> {
  const outcomes = change.outcomes ?? [];
  const attempts = change.attempts ?? [];
  if (attempts.length === 0) {
    if (outcomes.length > 0) await db.execute(outcomeSql(outcomes));
    return new Set();
  }
  const query =
    outcomes.length === 0
      ? attemptSql(attempts)
      : sql`with recorded as (${outcomeSql(outcomes)}), attempting as (${attemptSql(attempts)}) select id from attempting`;
  const granted = await executeRows<{ id: number | string }>(db, query);
  return new Set(granted.map((r) => Number(r.id)));
}

export const markAttempting = (db: Db, rows: { id: number; token: string }[]) => transition(db, { attempts: rows });
export const recordOutcomes = (db: Db, outcomes: SendOutcome[]) => transition(db, { outcomes }).then(() => undefined);

/** Gives claimed rows that were never attempted back to the queue (graceful stop). */
export async function releaseClaims(db: Db, rows: { id: number; token: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const released = await executeRows<{ id: number | string }>(
    db,
    sql`update ${campaignSends} s set status = 'pending', claimed_by = null, claimed_at = null
        from jsonb_to_recordset(${recordset(rows)}) as v(id bigint, token text)
        where s.id = v.id and s.claimed_by = v.token and s.status = 'claimed'
        returning s.id`,
  );
  return released.length;
}

/**
 * Recovery after a worker died (its claims are older than the lease): `claimed` rows were never
 * attempted and go back to `pending`; `attempting` rows may or may not have reached the SMTP
 * server and become `unknown` — never sent again (at most once), counted in the report.
 */
export async function recoverStaleSends(db: Db, opts: { leaseMs: number; campaignId?: string }): Promise<{ requeued: number; unknown: number }> {
  const scope = opts.campaignId
    ? sql`${campaignSends.campaignId} = ${opts.campaignId}`
    : sql`${campaignSends.campaignId} in (select ${campaigns.id} from ${campaigns} where ${campaigns.status} in ('sending', 'cancelled'))`;
  const rows = await executeRows<{ status: SendStatus }>(
    db,
    sql`update ${campaignSends} set
          status = case when ${campaignSends.status} = 'claimed' then 'pending' else 'unknown' end,
          error = case when ${campaignSends.status} = 'claimed' then null else 'worker lost during SMTP; not retried' end,
          claimed_by = case when ${campaignSends.status} = 'claimed' then null else ${campaignSends.claimedBy} end,
          claimed_at = case when ${campaignSends.status} = 'claimed' then null else ${campaignSends.claimedAt} end
        where ${scope} and ${campaignSends.status} in ('claimed', 'attempting')
          and ${campaignSends.claimedAt} <= now() - make_interval(secs => ${opts.leaseMs / 1000}::double precision)
        returning ${campaignSends.status} as status`,
  );
  return { requeued: rows.filter((r) => r.status === 'pending').length, unknown: rows.filter((r) => r.status === 'unknown').length };
}

/**
 * `sending` → `sent` once no row is pending (held rows count as pending), claimed or attempting.
 * A sequence's step mail stays `sending` while its sequence lives (the engine keeps queuing rows);
 * stopping the sequence finishes it.
 */
export async function finishIfDone(db: Db, campaignId: string): Promise<boolean> {
  const rows = await executeRows<{ id: string }>(
    db,
    sql`update ${campaigns} set status = 'sent', finished_at = now(), updated_at = now()
        where ${campaigns.id} = ${campaignId} and ${campaigns.status} = 'sending'
          and (${campaigns.sequenceId} is null or exists (select 1 from sequences q where q.id = ${campaigns.sequenceId} and q.status = 'stopped'))
          and not exists (select 1 from ${campaignSends} where ${campaignSends.campaignId} = ${campaignId}
                          and ${campaignSends.status} in ('pending', 'claimed', 'attempting'))
        returning ${campaigns.id}`,
  );
  return rows.length > 0;
}
