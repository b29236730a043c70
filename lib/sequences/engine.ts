import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { sequences } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { definedLastActivitySql } from '@/lib/metrics/inactivity-sql';
import { RELAPSE_QUIET_DAYS } from '@/lib/metrics/sequences';
import { webhookOutboxSql } from '@/lib/webhooks/outgoing/outbox';
import { enrolContinuous, loadSequencePlan, type SequencePlan } from './enrol';
import { stepDueAt } from './window';

/**
 * The due-work pass of the sequence engine. It never talks SMTP: queuing a step is inserting that
 * step's campaign_sends row (pending) into the step mail, a `sending` campaign, and the delivery
 * loop (lib/campaigns/deliver) sends it crash-safely like any campaign row.
 *
 * Crash safety: each batch is ONE statement in one transaction — the step row, the enrolment's
 * advance and any exit commit together or not at all, so a killed worker leaves each enrolment
 * either before or after its step; unique (enrolment_id, campaign_id) makes a second insert of
 * the same step a no-op. Several workers: due rows are claimed FOR UPDATE SKIP LOCKED.
 */
export interface PassResult {
  enrolled: number;
  queued: number;
  sunset: number;
  completed: number;
  left: number;
  relapsed: number;
}

const DAY_MS = 86_400_000;
const ts = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

export async function runSequencePass(db: Db, opts: { now: Date; batchSize?: number }): Promise<PassResult> {
  const { now } = opts;
  const batchSize = opts.batchSize ?? 1000;
  const result: PassResult = { enrolled: 0, queued: 0, sunset: 0, completed: 0, left: 0, relapsed: 0 };
  const active = await db.select().from(sequences).where(eq(sequences.status, 'active'));
  for (const sequence of active) {
    const plan = await loadSequencePlan(db, sequence);
    if (plan.steps.length === 0) continue;
    result.enrolled += (await enrolContinuous(db, plan, now)) ?? 0;
    for (;;) {
      const batch = await withTransaction(db, (tx) => runBatch(tx, plan, now, batchSize));
      result.queued += batch.queued;
      result.sunset += batch.sunset;
      result.completed += batch.completed;
      result.left += batch.left;
      if (batch.picked < batchSize) break;
    }
  }
  result.relapsed = await markRelapses(db, now);
  return result;
}

/** Per step position: its campaign, and when the step after it (or the sunset, after the last) is due if queued now. */
function stepTable(plan: SequencePlan, now: Date): SQL {
  const { steps, workspace, sequence } = plan;
  const rows = steps.map((s, i) => {
    const next = steps[i + 1];
    const sunset = next ? null : new Date(now.getTime() + sequence.sunsetAfterDays * DAY_MS);
    const nextDue = next ? stepDueAt(now, next, workspace.timezone) : sunset!;
    return sql`(${s.position}::int, ${s.campaignId}::uuid, ${ts(nextDue)}, ${sunset ? ts(sunset) : sql`null::timestamptz`})`;
  });
  return sql`(values ${sql.join(rows, sql`, `)}) as st(position, campaign_id, next_due, sunset)`;
}

/**
 * The due-work query: up to `limit` active enrolments of the sequence due by `now`, oldest due
 * first, claimed FOR UPDATE SKIP LOCKED (their contacts too: a sunset may change them). An index
 * scan of sequence_enrolments_due_idx (partial on status = 'active', ordered by next_due_at).
 */
export function dueWorkSql(sequenceId: string, now: Date, limit: number): SQL {
  return sql`select e.id, e.contact_id, e."group" as grp, e.step, e.sunset_at, c.email, c.status = 'subscribed' as subscribed
    from sequence_enrolments e join contacts c on c.id = e.contact_id
    where e.status = 'active' and e.next_due_at <= ${ts(now)} and e.sequence_id = ${sequenceId}
    order by e.next_due_at
    limit ${limit}
    for update of e, c skip locked`;
}

interface BatchResult {
  picked: number;
  queued: number;
  sunset: number;
  completed: number;
  left: number;
}

async function runBatch(tx: Db, plan: SequencePlan, now: Date, batchSize: number): Promise<BatchResult> {
  const { sequence, workspace, steps } = plan;
  // FOR SHARE: a pause or stop (which update this row) waits for the batch, and a batch after them sees it.
  const [live] = await tx
    .select({ id: sequences.id })
    .from(sequences)
    .where(and(eq(sequences.id, sequence.id), eq(sequences.status, 'active')))
    .for('share');
  if (!live) return { picked: 0, queued: 0, sunset: 0, completed: 0, left: 0 };
  const last = steps.length;
  const [row] = await executeRows<Record<keyof BatchResult, number | string>>(
    tx,
    sql`with due as materialized (${dueWorkSql(sequence.id, now, batchSize)}), gone as (
          update sequence_enrolments e set status = 'left', exited_at = ${ts(now)}, exit_reason = 'unsubscribed', next_due_at = null
          from due d where e.id = d.id and not d.subscribed
          returning e.id
        ), ended as (
          -- Control: its window is over without re-engagement.
          update sequence_enrolments e set status = 'completed', exited_at = ${ts(now)}, exit_reason = 'windowEnded', next_due_at = null
          from due d where e.id = d.id and d.subscribed and d.grp = 'control'
          returning e.id
        ), sunset as (
          -- Never before the announced date: sunset_at was set when the last step was queued.
          update sequence_enrolments e set status = 'sunset', exited_at = ${ts(now)}, exit_reason = 'sunset', next_due_at = null
          from due d where e.id = d.id and d.subscribed and d.grp = 'treatment' and d.step >= ${last} and d.sunset_at <= ${ts(now)}
          returning e.id, e.contact_id
        ), queued as (
          insert into campaign_sends (workspace_id, campaign_id, contact_id, email, enrolment_id)
          select ${workspace.id}::uuid, st.campaign_id, d.contact_id, d.email, d.id
          from due d join ${stepTable(plan, now)} on st.position = d.step + 1
          where d.subscribed and d.grp = 'treatment'
          on conflict (enrolment_id, campaign_id) where enrolment_id is not null do nothing
          returning enrolment_id
        ), advanced as (
          update sequence_enrolments e set step = d.step + 1, last_step_at = ${ts(now)}, next_due_at = st.next_due,
            sunset_at = coalesce(st.sunset, e.sunset_at)
          from due d join ${stepTable(plan, now)} on st.position = d.step + 1
          where e.id = d.id and d.subscribed and d.grp = 'treatment'
          returning e.id
        ), unsubscribed as (
          update contacts c set status = 'unsubscribed', updated_at = now()
          from sunset s
          where ${sequence.sunsetAction}::text = 'unsubscribe' and c.id = s.contact_id and c.workspace_id = ${workspace.id} and c.status = 'subscribed'
          returning c.id
        ), audited as (
          insert into audit_log (workspace_id, actor_user_id, action, target, data)
          select ${workspace.id}::uuid, null, 'contact.unsubscribed', u.id::text,
            jsonb_build_object('via', 'sunset', 'sequenceId', ${sequence.id}::text)
          from unsubscribed u
        ), listed as (
          insert into list_members (list_id, contact_id, workspace_id)
          select l.id, s.contact_id, ${workspace.id}::uuid
          from sunset s join lists l on l.id = ${sequence.sunsetListId}::uuid and l.workspace_id = ${workspace.id}
          where ${sequence.sunsetAction}::text = 'list'
          on conflict do nothing
        ), ${webhookOutboxSql(
          'wh_sunset',
          'contact.sunset',
          sql`select ${workspace.id}::uuid as workspace_id, jsonb_build_object('contactId', s.contact_id, 'sequenceId', ${sequence.id}::text,
                'action', ${sequence.sunsetAction}::text, 'sunsetAt', ${now.toISOString()}::text) as data from sunset s`,
        )}, ${webhookOutboxSql(
          'wh_unsubscribed',
          'contact.unsubscribed',
          sql`select ${workspace.id}::uuid as workspace_id, jsonb_build_object('contactId', u.id, 'email', c.email, 'via', 'sunset',
                'sequenceId', ${sequence.id}::text) as data from unsubscribed u join contacts c on c.id = u.id`,
        )}
        select (select count(*) from due) as picked, (select count(*) from advanced) as queued, (select count(*) from sunset) as sunset,
          (select count(*) from ended) as completed, (select count(*) from gone) as "left"`,
  );
  return {
    picked: Number(row.picked),
    queued: Number(row.queued),
    sunset: Number(row.sunset),
    completed: Number(row.completed),
    left: Number(row.left),
  };
}

/**
 * Relapse: a reactivated contact with no activity (under its workspace's definition) for
 * RELAPSE_QUIET_DAYS, counted from the later of its reactivation and its last activity, while the
 * nurture window was still open. relapsed_at is the day the quiet spell reached that length.
 */
export async function markRelapses(db: Db, now: Date): Promise<number> {
  const workspaces = await executeRows<{ id: string; signals: string[] }>(
    db,
    sql`select distinct w.id, w.inactivity_signals as signals
        from sequence_enrolments e join workspaces w on w.id = e.workspace_id
        where e.reactivated_at is not null and e.relapsed_at is null
          and e.nurture_until >= ${ts(now)} - make_interval(days => ${RELAPSE_QUIET_DAYS}::int)`,
  );
  let relapsed = 0;
  for (const w of workspaces) {
    const lastActivity = definedLastActivitySql(w.signals as Parameters<typeof definedLastActivitySql>[0]);
    const rows = await executeRows<{ id: number }>(
      db,
      sql`update sequence_enrolments e set relapsed_at = q.quiet_from + make_interval(days => ${RELAPSE_QUIET_DAYS}::int)
          from (
            select e2.id, greatest(e2.reactivated_at, ${lastActivity}) as quiet_from
            from sequence_enrolments e2 join contacts on contacts.id = e2.contact_id and contacts.workspace_id = e2.workspace_id
            where e2.workspace_id = ${w.id} and e2.reactivated_at is not null and e2.relapsed_at is null
              and e2.nurture_until >= ${ts(now)} - make_interval(days => ${RELAPSE_QUIET_DAYS}::int)
          ) q
          where e.id = q.id and e.relapsed_at is null
            and q.quiet_from + make_interval(days => ${RELAPSE_QUIET_DAYS}::int) <= least(${ts(now)}, e.nurture_until)
          returning e.id`,
    );
    relapsed += rows.length;
  }
  return relapsed;
}

