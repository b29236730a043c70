import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaignSends, sequenceEnrolments, sequences, type NewContact, type Sequence } from '@/lib/db/schema';
import { createSequence } from '@/lib/sequences/create';
import { getSequenceSteps } from '@/lib/sequences/get';
import { activateSequence } from '@/lib/sequences/lifecycle';
import { updateSequenceSettings } from '@/lib/sequences/manage';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { daysAgo } from './contacts';
import { ctxFor, makeUser } from './factories';
import { makeContacts } from './sending';

/**
 * A re-engagement sequence the way a team gets one: a fresh workspace (its owner's ctx), `contacts`
 * subscribed contacts quiet for 90 days (inactivity tier 2, the default audience), a sequence from
 * the default 5-step template via createSequence, the builder's settings saved through
 * updateSequenceSettings, and — unless `activate: false` — activateSequence.
 *
 *   const s = await makeSequence(db, { contacts: 3, controlPct: 0, baseUrl: tracking.url });
 *   s.steps[0].campaignId  // step 1's mail, a `sending` campaign once active
 */
export interface SequenceOptions {
  /** How many inactive contacts (default 3). */
  contacts?: number;
  /** Extra columns per contact (e.g. another joinedAt). */
  contactFields?: (i: number) => Partial<NewContact>;
  /** Settings the builder would save; defaults as createSequence leaves them except controlPct 0 (deterministic). */
  settings?: Partial<Pick<Sequence, 'entryMode' | 'reentryCooldownDays' | 'controlPct' | 'sunsetAction' | 'sunsetListId' | 'sunsetAfterDays'>>;
  /** The origin of tracked links in the step mails (e.g. a startTrackingServer url). */
  baseUrl?: string;
  activate?: boolean;
  /** Use this workspace instead of a new one. */
  ctx?: WorkspaceCtx;
}

export async function makeSequence(db: Db, opts: SequenceOptions = {}) {
  const ctx = opts.ctx ?? (await newWorkspace(db));
  const people = await makeContacts(db, ctx.workspaceId, opts.contacts ?? 3, (i) => ({ joinedAt: daysAgo(90, 1), ...opts.contactFields?.(i) }));
  const draft = await createSequence({
    ctx,
    input: { name: `Win-back ${Math.random().toString(36).slice(2, 7)}`, siteUrl: 'https://shop.example/back', audience: { type: 'tier', tiers: ['tier2'] } },
  });
  const steps = await getSequenceSteps(ctx, draft.id);
  // What the builder's settings form saves: the draft's values, controlPct 0 unless asked, the template's gaps.
  await updateSequenceSettings({
    ctx,
    input: {
      sequenceId: draft.id,
      name: draft.name,
      audience: draft.audience,
      entryMode: draft.entryMode,
      reentryCooldownDays: draft.reentryCooldownDays,
      controlPct: 0,
      sunsetAction: draft.sunsetAction,
      sunsetListId: draft.sunsetListId,
      sunsetAfterDays: draft.sunsetAfterDays,
      ...opts.settings,
      gaps: steps.slice(1).map((s) => ({ min: s.gapMinDays, max: s.gapMaxDays })),
    },
  });
  let enrolled = 0;
  if (opts.activate !== false) {
    ({ enrolled } = await activateSequence({ ctx, input: { sequenceId: draft.id, baseUrl: opts.baseUrl } }));
  }
  const [sequence] = await db.select().from(sequences).where(eq(sequences.id, draft.id));
  return { ctx, sequence, steps, contacts: people, enrolled };
}

export async function newWorkspace(db: Db): Promise<WorkspaceCtx> {
  const u = await makeUser(db, { workspaceName: 'Sequences' });
  return ctxFor(db, u.user.id, u.workspace.id);
}

/** The sequence's enrolments, oldest first. */
export function enrolmentsOf(db: Db, sequenceId: string) {
  return db.select().from(sequenceEnrolments).where(eq(sequenceEnrolments.sequenceId, sequenceId)).orderBy(asc(sequenceEnrolments.id));
}

/** The step rows queued for one enrolment (campaign id per row). */
export function stepSendsOf(db: Db, enrolmentId: number) {
  return db.select().from(campaignSends).where(eq(campaignSends.enrolmentId, enrolmentId)).orderBy(asc(campaignSends.id));
}
