import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { contacts, sequenceEnrolments } from '@/lib/db/schema';
import type { ExitReason } from '@/lib/db/schema/sequences/constants';
import { executeRows } from '@/lib/db/sql';
import { NURTURE_DAYS } from '@/lib/metrics/sequences';
import { emitWebhookEvent } from '@/lib/webhooks/emit';

export const REACTIVATED_TAG = 'reactivated';

/**
 * A contact re-engaged: every active enrolment of it (treatment and control) exits at once as
 * reactivated, with a 60-day nurture window, and the contact gets the "reactivated" tag. Run it in
 * the transaction that records the re-engagement (a preference save, a survey answer); the events
 * roll-up does the same in bulk for clicks, opens and conversions. `at` is the sequence clock.
 */
export async function reactivateContact(
  db: Db,
  input: { workspaceId: string; contactId: string; reason: ExitReason; at: Date },
): Promise<number> {
  const at = input.at.toISOString();
  const rows = await executeRows<{ id: number }>(
    db,
    // An ISO string, not a Date: postgres-js does not serialise a Date bound in raw SQL.
    sql`update ${sequenceEnrolments} set status = 'reactivated', exited_at = ${at}::timestamptz, exit_reason = ${input.reason},
          reactivated_at = ${at}::timestamptz, nurture_until = ${at}::timestamptz + make_interval(days => ${NURTURE_DAYS}::int), next_due_at = null
        where workspace_id = ${input.workspaceId} and contact_id = ${input.contactId} and status = 'active'
        returning id`,
  );
  if (rows.length > 0) {
    await db.execute(sql`update ${contacts} set tags = array_append(tags, ${REACTIVATED_TAG}), updated_at = now()
      where id = ${input.contactId} and workspace_id = ${input.workspaceId} and not (tags @> array[${REACTIVATED_TAG}]::text[])`);
    // The outgoing `contact.reactivated` webhook, once per contact, in the same transaction.
    await emitWebhookEvent(db, {
      workspaceId: input.workspaceId,
      event: 'contact.reactivated',
      data: { contactId: input.contactId, reason: input.reason, reactivatedAt: at, enrolments: rows.length },
    });
  }
  return rows.length;
}
