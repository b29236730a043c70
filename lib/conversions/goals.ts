import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '@/lib/db/audit';
import type { Db } from '@/lib/db/client';
import { conversionGoals, workspaces, type ConversionGoal } from '@/lib/db/schema';
import { CURRENCY, GOAL_KEY, GOAL_KINDS, MAX_ATTRIBUTION_WINDOW_DAYS } from '@/lib/db/schema/conversions/constants';
import { withTransaction } from '@/lib/db/transaction';
import { conflict, notFound } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/**
 * Conversion goals and the snippet settings of a workspace (Conversions → Setup). Owner/admin
 * manage; every write is one transaction with its audit row.
 */
export const goalInputSchema = z.object({
  key: z.string().trim().toLowerCase().regex(GOAL_KEY, { message: 'errors.conversionGoalKey' }),
  name: z.string().trim().min(1, { message: 'validation.required' }).max(100),
  kind: z.enum(GOAL_KINDS),
  /** Major units (49.95, or 49,95 as typed in Dutch); empty: no default value. */
  defaultValue: z.preprocess(
    (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v.trim().replace(',', '.')) : v),
    z.number().finite().min(0).max(1e10).nullable(),
  ),
  currency: z.string().trim().toUpperCase().regex(CURRENCY),
});
export type GoalInput = z.infer<typeof goalInputSchema>;
export const goalRefSchema = z.object({ goalId: z.uuid() });

/** Origins the snippet may report from: `https://shop.example` (scheme, host, port; no path). */
export const siteSettingsSchema = z.object({
  attributionWindowDays: z.coerce.number({ message: 'validation.number' }).int({ message: 'validation.wholeNumber' }).min(1, { message: 'validation.invalid' }).max(MAX_ATTRIBUTION_WINDOW_DAYS, { message: 'validation.invalid' }),
  /** A list, or the form's textarea: one origin per line (or separated by commas/spaces). */
  siteOrigins: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v === undefined ? [] : v),
    z.array(
      z
        .string()
        .trim()
        .max(200)
        .transform((v, c) => {
          try {
            const u = new URL(v);
            if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin !== 'null') return u.origin;
          } catch {
            /* reported below */
          }
          c.addIssue({ code: 'custom', message: 'errors.conversionOriginInvalid' });
          return z.NEVER;
        }),
    )
    .max(20),
  ),
});
export type SiteSettingsInput = z.input<typeof siteSettingsSchema>;

const cents = (value: number | null) => (value == null ? null : Math.round(value * 100));

export async function listGoals(db: Db, workspaceId: string, opts: { archived?: boolean } = {}): Promise<ConversionGoal[]> {
  return db
    .select()
    .from(conversionGoals)
    .where(and(eq(conversionGoals.workspaceId, workspaceId), opts.archived ? undefined : isNull(conversionGoals.archivedAt)))
    .orderBy(asc(conversionGoals.archivedAt), asc(conversionGoals.createdAt));
}

export async function createGoal({ ctx, input }: { ctx: WorkspaceCtx; input: z.input<typeof goalInputSchema> }): Promise<ConversionGoal> {
  assertRole(ctx, 'admin');
  const g = goalInputSchema.parse(input);
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(conversionGoals)
      .values({ workspaceId: ctx.workspaceId, key: g.key, name: g.name, kind: g.kind, defaultValueCents: cents(g.defaultValue), currency: g.currency })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('conversionGoalExists', { key: g.key });
    await writeAudit(tx, ctx, 'conversion.goal.created', row.id, { key: g.key, name: g.name, kind: g.kind });
    return row;
  });
}

/** Edits a goal; its key may change only while nothing refers to it by key (no conversions yet). */
export async function updateGoal({ ctx, input }: { ctx: WorkspaceCtx; input: z.input<typeof goalInputSchema> & { goalId: string } }): Promise<ConversionGoal> {
  assertRole(ctx, 'admin');
  const g = goalInputSchema.parse(input);
  const { goalId } = goalRefSchema.parse(input);
  return withTransaction(ctx.db, async (tx) => {
    const [current] = await tx
      .select()
      .from(conversionGoals)
      .where(and(eq(conversionGoals.id, goalId), eq(conversionGoals.workspaceId, ctx.workspaceId)))
      .for('update');
    if (!current) throw notFound('conversionGoalNotFound');
    if (current.key !== g.key) {
      const [taken] = await tx
        .select({ id: conversionGoals.id })
        .from(conversionGoals)
        .where(and(eq(conversionGoals.workspaceId, ctx.workspaceId), eq(conversionGoals.key, g.key)));
      if (taken) throw conflict('conversionGoalExists', { key: g.key });
    }
    const [row] = await tx
      .update(conversionGoals)
      .set({ key: g.key, name: g.name, kind: g.kind, defaultValueCents: cents(g.defaultValue), currency: g.currency })
      .where(eq(conversionGoals.id, goalId))
      .returning();
    await writeAudit(tx, ctx, 'conversion.goal.updated', goalId, { from: { key: current.key, name: current.name }, key: g.key, name: g.name, kind: g.kind });
    return row;
  });
}

/** Archived goals record nothing more (the API answers 404 for their key); their conversions stay. */
export async function setGoalArchived({ ctx, input }: { ctx: WorkspaceCtx; input: { goalId: string; archived: boolean } }): Promise<void> {
  assertRole(ctx, 'admin');
  const { goalId } = goalRefSchema.parse(input);
  await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .update(conversionGoals)
      .set({ archivedAt: input.archived ? sql`coalesce(${conversionGoals.archivedAt}, now())` : null })
      .where(and(eq(conversionGoals.id, goalId), eq(conversionGoals.workspaceId, ctx.workspaceId)))
      .returning({ key: conversionGoals.key });
    if (!row) throw notFound('conversionGoalNotFound');
    await writeAudit(tx, ctx, input.archived ? 'conversion.goal.archived' : 'conversion.goal.restored', goalId, { key: row.key });
  });
}

export interface SiteSettings {
  siteKey: string;
  attributionWindowDays: number;
  siteOrigins: string[];
}

export async function getSiteSettings(db: Db, workspaceId: string): Promise<SiteSettings> {
  const [row] = await db
    .select({ siteKey: workspaces.siteKey, attributionWindowDays: workspaces.attributionWindowDays, siteOrigins: workspaces.siteOrigins })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound('workspaceNotFound');
  return row;
}

export async function updateSiteSettings({ ctx, input }: { ctx: WorkspaceCtx; input: SiteSettingsInput }): Promise<SiteSettings> {
  assertRole(ctx, 'admin');
  const s = siteSettingsSchema.parse(input);
  const origins = [...new Set(s.siteOrigins)];
  return withTransaction(ctx.db, async (tx) => {
    const [current] = await tx
      .select({ attributionWindowDays: workspaces.attributionWindowDays, siteOrigins: workspaces.siteOrigins })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId))
      .for('update');
    const [row] = await tx
      .update(workspaces)
      .set({ attributionWindowDays: s.attributionWindowDays, siteOrigins: origins, updatedAt: new Date() })
      .where(eq(workspaces.id, ctx.workspaceId))
      .returning({ siteKey: workspaces.siteKey, attributionWindowDays: workspaces.attributionWindowDays, siteOrigins: workspaces.siteOrigins });
    await writeAudit(tx, ctx, 'conversion.settings.updated', ctx.workspaceId, { from: current, attributionWindowDays: s.attributionWindowDays, siteOrigins: origins });
    return row;
  });
}
