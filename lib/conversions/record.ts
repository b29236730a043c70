import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { CLICK_KINDS, type ConversionVia, type TrafficSource } from '@/lib/db/schema/conversions/constants';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { classifyDevice, classifySource, referrerHost } from '@/lib/tracking/source';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { verifyClickId } from './click-id';

/**
 * Records one conversion with its attribution, in one transaction:
 *  1. the goal by key (live goals of the workspace only);
 *  2. attribution, last click within the workspace's window (default 7 days) before the conversion:
 *     - a click id (`pulse_cid`, lib/conversions/click-id) names the click itself: a campaign link or
 *       survey follow-up click (`events`) or a SmartLink button/image click (`smartlink_hits`). It
 *       counts only when it verifies, belongs to THIS workspace, is a click, and lies in the window;
 *     - without a usable click id but with a known contact (contactId or email): that contact's last
 *       human campaign/survey click in the window;
 *     - else: not attributed (source from referrer/utm);
 *  3. the conversion row; a repeated (goal, orderId) counts once (unique index → `duplicate`);
 *  4. a `conversion` event when a contact or campaign is known, which the events roll-up folds into
 *     the campaign's conversions and revenue, the contact's last activity and sequence exits;
 *  5. the `conversion.recorded` webhook (outbox, same transaction).
 */
export interface ConversionInput {
  workspaceId: string;
  goalKey: string;
  via: ConversionVia;
  orderId?: string | null;
  /** Cents; null/undefined: the goal's default value. */
  valueCents?: number | null;
  currency?: string | null;
  /** The raw `pulse_cid` token as received (verified here). */
  clickId?: string | null;
  contactId?: string | null;
  email?: string | null;
  referrer?: string | null;
  utmSource?: string | null;
  utmMedium?: string | null;
  /** The host of the page the conversion happened on (a same-host referrer is not a source). */
  pageHost?: string | null;
  userAgent?: string | null;
  /** Keyed hash of the visitor (snippet), never a raw id. */
  visitor?: string | null;
  /** Default: now. */
  occurredAt?: Date;
}

export interface Attribution {
  clickKind: number;
  clickRef: number;
  clickedAt: Date;
  campaignId: string | null;
  sendId: number | null;
  linkId: number | null;
  smartlinkPageId: string | null;
  smartlinkItemId: number | null;
  surveyId: string | null;
}

export type RecordResult =
  | { status: 'recorded'; id: number; attribution: Attribution | null; contactId: string | null; source: TrafficSource }
  | { status: 'duplicate'; id: number }
  | { status: 'unknownGoal' };

type Row = Record<string, unknown>;
const str = (v: unknown) => (v == null ? null : String(v));
const num = (v: unknown) => (v == null ? null : Number(v));

function attributionOf(row: Row | undefined): Attribution | null {
  if (!row) return null;
  return {
    clickKind: Number(row.click_kind),
    clickRef: Number(row.click_ref),
    clickedAt: new Date(String(row.clicked_at)),
    campaignId: str(row.campaign_id),
    sendId: num(row.send_id),
    linkId: num(row.link_id),
    smartlinkPageId: str(row.smartlink_page_id),
    smartlinkItemId: num(row.smartlink_item_id),
    surveyId: str(row.survey_id),
  };
}

// An events click (campaign link or survey follow-up) of this workspace within the window.
const eventClick = (where: ReturnType<typeof sql>) => sql`
  select ${CLICK_KINDS.event}::int as click_kind, e.id as click_ref, e.created_at as clicked_at, e.campaign_id, e.send_id,
         e.link_id, null::uuid as smartlink_page_id, null::bigint as smartlink_item_id,
         case when e.type = 'survey_followup' then (e.meta->>'surveyId')::uuid end as survey_id, e.contact_id, null::text as hit_source
  from events e ${where}`;

export async function recordConversion(db: Db, input: ConversionInput): Promise<RecordResult> {
  const at = input.occurredAt ?? new Date();
  const atIso = at.toISOString();
  return withTransaction(db, async (tx) => {
    const [goal] = await executeRows<Row>(
      tx,
      sql`select g.id, g.key, g.default_value_cents, g.currency, w.attribution_window_days as window_days
          from conversion_goals g join workspaces w on w.id = g.workspace_id
          where g.workspace_id = ${input.workspaceId} and g.key = ${input.goalKey} and g.archived_at is null`,
    );
    if (!goal) return { status: 'unknownGoal' } as const;
    const windowDays = Number(goal.window_days);
    const inWindow = (col: string) =>
      sql`${sql.raw(col)} <= ${atIso}::timestamptz and ${sql.raw(col)} > ${atIso}::timestamptz - make_interval(days => ${windowDays}::int)`;

    // The contact the caller names (it must be this workspace's).
    let contactId: string | null = null;
    if (input.contactId || input.email) {
      const [c] = await executeRows<Row>(
        tx,
        input.contactId
          ? sql`select id from contacts where workspace_id = ${input.workspaceId} and id = ${input.contactId}`
          : sql`select id from contacts where workspace_id = ${input.workspaceId} and email = ${input.email!.trim().toLowerCase()}`,
      );
      contactId = str(c?.id);
    }

    let clickRow: Row | undefined;
    const ref = verifyClickId(input.clickId);
    if (ref?.kind === CLICK_KINDS.event) {
      [clickRow] = await executeRows<Row>(
        tx,
        eventClick(sql`where e.id = ${ref.id} and e.workspace_id = ${input.workspaceId} and e.type in ('click', 'survey_followup') and ${inWindow('e.created_at')}`),
      );
    } else if (ref?.kind === CLICK_KINDS.smartlink) {
      [clickRow] = await executeRows<Row>(
        tx,
        sql`select ${CLICK_KINDS.smartlink}::int as click_kind, h.id as click_ref, h.created_at as clicked_at, null::uuid as campaign_id,
                   null::bigint as send_id, null::bigint as link_id, h.page_id as smartlink_page_id, h.item_id as smartlink_item_id,
                   null::uuid as survey_id, null::uuid as contact_id, h.source as hit_source
            from smartlink_hits h
            where h.id = ${ref.id} and h.workspace_id = ${input.workspaceId} and h.type = 'click' and ${inWindow('h.created_at')}`,
      );
    }
    if (!clickRow && contactId) {
      [clickRow] = await executeRows<Row>(
        tx,
        eventClick(sql`where e.workspace_id = ${input.workspaceId} and e.contact_id = ${contactId} and not e.machine
          and e.type in ('click', 'survey_followup') and ${inWindow('e.created_at')} order by e.created_at desc, e.id desc limit 1`),
      );
    }
    const attribution = attributionOf(clickRow);
    contactId ??= str(clickRow?.contact_id);

    const source: TrafficSource =
      attribution?.clickKind === CLICK_KINDS.event
        ? 'email'
        : attribution?.clickKind === CLICK_KINDS.smartlink
          ? ((str(clickRow?.hit_source) as TrafficSource | null) ?? 'other')
          : classifySource({ referrer: input.referrer, utmSource: input.utmSource, utmMedium: input.utmMedium, pageHost: input.pageHost });
    const valueCents = input.valueCents ?? num(goal.default_value_cents);
    const currency = input.currency ?? String(goal.currency);

    const [inserted] = await executeRows<Row>(
      tx,
      sql`insert into conversions (workspace_id, goal_id, order_id, value_cents, currency, via, contact_id, source, device, referrer_host,
            utm_source, visitor, click_kind, click_ref, clicked_at, campaign_id, send_id, link_id, smartlink_page_id, smartlink_item_id,
            survey_id, created_at)
          values (${input.workspaceId}, ${goal.id}, ${input.orderId ?? null}, ${valueCents}, ${currency}, ${input.via}, ${contactId}, ${source},
            ${classifyDevice(input.userAgent)}, ${referrerHost(input.referrer)}, ${input.utmSource?.slice(0, 100) ?? null}, ${input.visitor ?? null},
            ${attribution?.clickKind ?? null}, ${attribution?.clickRef ?? null}, ${attribution?.clickedAt.toISOString() ?? null}::timestamptz,
            ${attribution?.campaignId ?? null}, ${attribution?.sendId ?? null}, ${attribution?.linkId ?? null},
            ${attribution?.smartlinkPageId ?? null}, ${attribution?.smartlinkItemId ?? null}, ${attribution?.surveyId ?? null}, ${atIso}::timestamptz)
          on conflict (workspace_id, goal_id, order_id) where order_id is not null do nothing
          returning id`,
    );
    if (!inserted) {
      const [existing] = await executeRows<Row>(
        tx,
        sql`select id from conversions where workspace_id = ${input.workspaceId} and goal_id = ${goal.id} and order_id = ${input.orderId ?? null}`,
      );
      return { status: 'duplicate', id: Number(existing.id) } as const;
    }
    const id = Number(inserted.id);

    if (contactId || attribution?.campaignId) {
      // Folded by the events roll-up (lib/tracking/rollup) into campaign conversions/revenue and the contact's activity.
      await tx.execute(sql`insert into events (workspace_id, campaign_id, send_id, contact_id, link_id, type, machine, meta, created_at)
        values (${input.workspaceId}, ${attribution?.campaignId ?? null}, ${attribution?.sendId ?? null}, ${contactId}, ${attribution?.linkId ?? null},
          'conversion', false,
          ${JSON.stringify({ conversionId: String(id), goalId: goal.id, goalKey: goal.key, valueCents, currency })}::jsonb, ${atIso}::timestamptz)`);
    }

    await emitWebhookEvent(tx, {
      workspaceId: input.workspaceId,
      event: 'conversion.recorded',
      data: {
        conversionId: String(id),
        goal: String(goal.key),
        orderId: input.orderId ?? null,
        valueCents,
        currency,
        contactId,
        source,
        campaignId: attribution?.campaignId ?? null,
        smartlinkPageId: attribution?.smartlinkPageId ?? null,
        surveyId: attribution?.surveyId ?? null,
        occurredAt: atIso,
      },
    });
    return { status: 'recorded', id, attribution, contactId, source } as const;
  });
}
