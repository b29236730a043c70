import { sql, type SQL } from 'drizzle-orm';
import type { WebhookEvent } from '@/lib/db/schema';
import { JOB_KINDS } from '@/lib/jobs/kinds';

/**
 * The outgoing-webhook outbox in SQL, for product statements that are one raw statement on a hot
 * path (the unsubscribe link, the events roll-up, the sequence engine's batch): CTEs that turn the
 * rows of a source query `(workspace_id uuid, data jsonb)` into one `webhook_deliveries` row per
 * active endpoint of that workspace subscribed to `event`, plus its `webhook.deliver` job. When
 * the source has no rows, or nobody subscribes, they insert nothing (one indexed lookup).
 *
 * The body every receiver gets (stored as the delivery's payload, sent byte for byte):
 *   { id: <event id, the same for every endpoint>, type, createdAt, workspaceId, data }
 */
export const WEBHOOK_DELIVER_KIND = JOB_KINDS.webhookDeliver;
export const webhookDeliverKey = (deliveryId: number | string) => `${WEBHOOK_DELIVER_KIND}:${deliveryId}`;

/** `now()` as the ISO-8601 UTC text JavaScript's toISOString() writes. */
const ISO_NOW = `to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const IDENT = /^[a-z_][a-z0-9_]*$/;

function parts(name: string, event: WebhookEvent): { head: string; tail: string } {
  if (!IDENT.test(name)) throw new Error(`bad CTE name ${name}`);
  // `event` is one of the WEBHOOK_EVENTS constants (no quote in it), never user input.
  if (!/^[a-z.]+$/.test(event)) throw new Error(`bad webhook event ${event}`);
  const head = `${name}_src as materialized (select x.workspace_id, x.data, gen_random_uuid() as event_id from (`;
  const tail = `) x), ${name}_del as (
    insert into webhook_deliveries (workspace_id, endpoint_id, event_id, event, payload)
    select s.workspace_id, ep.id, s.event_id, '${event}',
      jsonb_build_object('id', s.event_id, 'type', '${event}', 'createdAt', ${ISO_NOW}, 'workspaceId', s.workspace_id, 'data', s.data)
    from ${name}_src s join webhook_endpoints ep on ep.workspace_id = s.workspace_id and ep.active and '${event}' = any(ep.events)
    returning id
  ), ${name}_job as (
    insert into jobs (kind, key, payload)
    select '${WEBHOOK_DELIVER_KIND}', '${WEBHOOK_DELIVER_KIND}:' || d.id, jsonb_build_object('deliveryId', d.id) from ${name}_del d
    on conflict (key) where done_at is null do nothing
  )`;
  return { head, tail };
}

/**
 * For raw statements (`$n` parameters): `name_src, name_del, name_job` CTEs, to put after a comma
 * in a WITH list. `source` is a SELECT of `workspace_id, data` that may read the statement's
 * other CTEs (e.g. the RETURNING rows of the update that flipped a status).
 */
export function webhookOutboxCtes(name: string, event: WebhookEvent, source: string): string {
  const { head, tail } = parts(name, event);
  return head + source + tail;
}

/** The same for drizzle `sql` statements, with `source` a drizzle fragment (its parameters kept). */
export function webhookOutboxSql(name: string, event: WebhookEvent, source: SQL): SQL {
  const { head, tail } = parts(name, event);
  return sql`${sql.raw(head)}${source}${sql.raw(tail)}`;
}
