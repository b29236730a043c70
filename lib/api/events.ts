import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { contacts, events, sequenceEnrolments, workspaces, type Contact } from '@/lib/db/schema';
import type { ActivitySignalKind } from '@/lib/db/schema/sequences/constants';
import { withTransaction } from '@/lib/db/transaction';
import { HttpError } from '@/lib/http/route-context';
import { getContactInWorkspace } from '@/lib/contacts/guards';
import { notFound } from '@/lib/errors';
import { sequenceNow } from '@/lib/sequences/clock';
import { reactivateContact } from '@/lib/sequences/exits';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { assertRole } from '@/lib/workspaces/context';
import { afterBigintCursor, cursorText, newestFirst, toPage, whereAll } from './cursor';
import { findContactByEmail } from './contacts';
import { API_EVENT_MAX_AGE_DAYS, type API_EVENT_TYPES, type eventBodySchema, type eventListQuerySchema } from './schemas';

type ApiEventType = (typeof API_EVENT_TYPES)[number];

/** Each API event type, the activity signal it is (settings → inactivity) and the contact column it moves. */
const EVENT_SIGNAL = {
  reply: { signal: 'reply', field: 'lastReplyAt' },
  site_visit: { signal: 'visit', field: 'lastVisitAt' },
  app_use: { signal: 'appUse', field: 'lastAppUseAt' },
  login: { signal: 'appUse', field: 'lastAppUseAt' },
} as const satisfies Record<ApiEventType, { signal: ActivitySignalKind; field: 'lastReplyAt' | 'lastVisitAt' | 'lastAppUseAt' }>;

/** Clocks of callers drift; an event a little "in the future" is theirs, not a forgery. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

function eventTime(occurredAt: string | undefined, now = new Date()): Date {
  if (!occurredAt) return now;
  const at = new Date(occurredAt);
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS || at.getTime() < now.getTime() - API_EVENT_MAX_AGE_DAYS * 86_400_000) {
    throw new HttpError(400, 'VALIDATION', 'apiEventTime', { days: API_EVENT_MAX_AGE_DAYS }, { issues: [{ path: ['occurredAt'], message: 'apiEventTime' }] });
  }
  return at;
}

async function resolveContact(ctx: WorkspaceCtx, ref: { contactId?: string; email?: string }): Promise<Contact> {
  if (ref.contactId) return getContactInWorkspace(ctx.db, ctx, ref.contactId);
  const found = await findContactByEmail(ctx, ref.email ?? '');
  if (!found) throw notFound('contactNotFound');
  return found;
}

/**
 * POST /api/v1/events: activity the mail cannot see (a reply, a site visit, app use). Moves the
 * contact's signal column forward only (greatest(), as the events roll-up does); where the workspace
 * counts that signal, last_activity_at moves too and the contact's active sequence enrolments begun
 * before the activity end as reactivated (lib/sequences/exits), in the same transaction.
 */
export async function apiRecordEvent(ctx: WorkspaceCtx, input: z.output<typeof eventBodySchema>) {
  assertRole(ctx, 'member');
  const at = eventTime(input.occurredAt);
  const { signal, field } = EVENT_SIGNAL[input.type];
  return withTransaction(ctx.db, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const contact = await resolveContact(txCtx, input);
    const [ws] = await tx.select({ signals: workspaces.inactivitySignals }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
    const counted = ws?.signals.includes(signal) ?? false;
    const atIso = at.toISOString();
    await tx
      .update(contacts)
      .set({
        [field]: sql`greatest(${contacts[field]}, ${atIso}::timestamptz)`,
        ...(counted ? { lastActivityAt: sql`greatest(${contacts.lastActivityAt}, ${atIso}::timestamptz)` } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contact.id)));
    let reactivated = 0;
    if (counted) {
      // Enrolments are dated on the sequence clock (plus the test clock's offset; 0 in production).
      const clockNow = await sequenceNow(tx);
      const onClock = new Date(at.getTime() + (clockNow.getTime() - Date.now())).toISOString();
      const [active] = await tx
        .select({ id: sequenceEnrolments.id })
        .from(sequenceEnrolments)
        .where(
          and(
            eq(sequenceEnrolments.workspaceId, ctx.workspaceId),
            eq(sequenceEnrolments.contactId, contact.id),
            eq(sequenceEnrolments.status, 'active'),
            sql`${sequenceEnrolments.enrolledAt} <= ${onClock}::timestamptz`,
          ),
        )
        .limit(1);
      if (active) reactivated = await reactivateContact(tx, { workspaceId: ctx.workspaceId, contactId: contact.id, reason: signal, at: clockNow });
    }
    return { data: { contactId: contact.id, type: input.type, occurredAt: atIso, reactivated: reactivated > 0 } };
  });
}

/** GET /api/v1/events: one contact's events (opens, clicks, …), newest first. */
export async function apiListEvents(ctx: WorkspaceCtx, q: z.output<typeof eventListQuerySchema>) {
  const contact = await resolveContact(ctx, q);
  const rows = await ctx.db
    .select({ id: events.id, type: events.type, campaignId: events.campaignId, machine: events.machine, createdAt: events.createdAt, cursorAt: cursorText(events.createdAt) })
    .from(events)
    .where(
      whereAll(
        eq(events.workspaceId, ctx.workspaceId),
        eq(events.contactId, contact.id),
        afterBigintCursor(events.createdAt, events.id, q.cursor),
      ),
    )
    .orderBy(...newestFirst(events.createdAt, events.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({ id: String(r.id), type: r.type, campaignId: r.campaignId, machine: r.machine, createdAt: r.createdAt.toISOString() }));
}
