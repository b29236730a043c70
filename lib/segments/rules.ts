import { tooLong, tooMany } from '@/lib/i18n/message-key';
import { z } from 'zod';
import { CONTACT_LIMITS, CONTACT_STATUSES, type ContactStatus } from '@/lib/db/schema/contacts/constants';
import { INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import type { InactivityTierId } from '@/lib/metrics/reactivation';
import { attributeKeySchema, tagSchema } from '@/lib/db/schema/contacts/fields';
import { CSAT_CATEGORIES, SURVEY_GROUPS, type CsatCategory, type SurveyGroup } from '@/lib/db/schema/surveys/constants';

/**
 * The segment rule model. Rules are stored as jsonb on `segments.rules` and compiled to SQL by
 * ./compile.ts; every value ends up as a bound parameter, never as SQL text.
 */
export const SEGMENT_LIMITS = { maxRules: 50, maxDepth: 3, maxDays: 3650 } as const;

export type Match = 'all' | 'any';
export type ActivitySignal = 'open' | 'click' | 'purchase';

/** `olderThan`: the last one is more than `days` ago · `within`: at most `days` ago · `never`: none recorded. */
export interface LastActivityRule {
  kind: 'lastActivity';
  signal: ActivitySignal;
  op: 'olderThan' | 'within' | 'never';
  days?: number;
}
/** In any of these tiers (PRODUCT.md §7), counted from the latest engagement signal. */
export interface InactivityTierRule {
  kind: 'inactivityTier';
  tiers: InactivityTierId[];
}
/**
 * `openedNotClicked`: opened within `days` but no click within `days`.
 * `neverEngaged`: no open, click or purchase ever; with `days`, only contacts who joined at least that long ago.
 */
export interface EngagementRule {
  kind: 'engagement';
  behaviour: 'openedNotClicked' | 'neverEngaged';
  days?: number;
}
export interface ListRule {
  kind: 'list';
  listId: string;
  op: 'in' | 'notIn';
}
export interface TagRule {
  kind: 'tag';
  tag: string;
  op: 'has' | 'notHas';
}
/** Case-insensitive: `equals` the whole value, `contains` a substring. */
export interface AttributeRule {
  kind: 'attribute';
  key: string;
  op: 'equals' | 'contains';
  value: string;
}
export interface StatusRule {
  kind: 'status';
  statuses: ContactStatus[];
}
/**
 * The contact's latest survey answer (latest wins; provisional mail scores do not count):
 * NPS promoter/passive/detractor, or CSAT satisfied/neutral/dissatisfied.
 */
export type SurveyCategoryRule =
  | { kind: 'surveyCategory'; survey: 'nps'; categories: SurveyGroup[] }
  | { kind: 'surveyCategory'; survey: 'csat'; categories: CsatCategory[] };
export interface GroupRule {
  kind: 'group';
  match: Match;
  rules: SegmentRule[];
}
export type SegmentRule =
  | LastActivityRule
  | InactivityTierRule
  | EngagementRule
  | ListRule
  | TagRule
  | AttributeRule
  | StatusRule
  | SurveyCategoryRule
  | GroupRule;

export interface SegmentRules {
  match: Match;
  rules: SegmentRule[];
}

const match = z.enum(['all', 'any'], { error: 'validation.choose' });
const days = z
  .number({ error: 'validation.number' })
  .int('validation.wholeNumber')
  .min(1, 'validation.positive')
  .max(SEGMENT_LIMITS.maxDays, 'validation.tooLarge');
const needsDays = { message: 'validation.required', path: ['days'] };

const lastActivityRule = z
  .object({
    kind: z.literal('lastActivity'),
    signal: z.enum(['open', 'click', 'purchase'], { error: 'validation.choose' }),
    op: z.enum(['olderThan', 'within', 'never'], { error: 'validation.choose' }),
    days: days.optional(),
  })
  .refine((r) => r.op === 'never' || r.days !== undefined, needsDays);

const engagementRule = z
  .object({
    kind: z.literal('engagement'),
    behaviour: z.enum(['openedNotClicked', 'neverEngaged'], { error: 'validation.choose' }),
    days: days.optional(),
  })
  .refine((r) => r.behaviour !== 'openedNotClicked' || r.days !== undefined, needsDays);

const categories = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values, { error: 'validation.choose' })).min(1, 'validation.required').max(values.length);
const surveyCategoryRule = z.discriminatedUnion('survey', [
  z.object({ kind: z.literal('surveyCategory'), survey: z.literal('nps'), categories: categories(SURVEY_GROUPS) }),
  z.object({ kind: z.literal('surveyCategory'), survey: z.literal('csat'), categories: categories(CSAT_CATEGORIES) }),
]);

const rulesArray = () =>
  z
    .array(z.lazy(() => segmentRuleSchema))
    .min(1, 'validation.required')
    .max(SEGMENT_LIMITS.maxRules, tooMany(SEGMENT_LIMITS.maxRules));

export const segmentRuleSchema: z.ZodType<SegmentRule> = z.discriminatedUnion('kind', [
  lastActivityRule,
  z.object({ kind: z.literal('inactivityTier'), tiers: z.array(z.enum(INACTIVITY_TIER_IDS)).min(1, 'validation.required') }),
  engagementRule,
  z.object({ kind: z.literal('list'), listId: z.uuid('validation.invalid'), op: z.enum(['in', 'notIn']) }),
  z.object({ kind: z.literal('tag'), tag: tagSchema, op: z.enum(['has', 'notHas']) }),
  z.object({
    kind: z.literal('attribute'),
    key: attributeKeySchema,
    op: z.enum(['equals', 'contains']),
    value: z.string().trim().min(1, 'validation.required').max(CONTACT_LIMITS.attributeValueLength, tooLong(CONTACT_LIMITS.attributeValueLength)),
  }),
  z.object({ kind: z.literal('status'), statuses: z.array(z.enum(CONTACT_STATUSES)).min(1, 'validation.required') }),
  surveyCategoryRule,
  z.object({ kind: z.literal('group'), match, rules: rulesArray() }),
]);

function measure(rules: SegmentRule[], depth = 1): { count: number; depth: number } {
  let count = 0;
  let max = depth;
  for (const r of rules) {
    count += 1;
    if (r.kind === 'group') {
      const inner = measure(r.rules, depth + 1);
      count += inner.count;
      max = Math.max(max, inner.depth);
    }
  }
  return { count, depth: max };
}

export const segmentRulesSchema: z.ZodType<SegmentRules> = z
  .object({ match, rules: rulesArray() })
  .refine((v) => measure(v.rules).count <= SEGMENT_LIMITS.maxRules, { message: tooMany(SEGMENT_LIMITS.maxRules), path: ['rules'] })
  .refine((v) => measure(v.rules).depth <= SEGMENT_LIMITS.maxDepth, { message: 'validation.tooDeep', path: ['rules'] });

/** The lists a rule set refers to, so a verb can check they belong to the workspace. */
export function referencedListIds(rules: SegmentRule[]): string[] {
  const ids = new Set<string>();
  for (const r of rules) {
    if (r.kind === 'list') ids.add(r.listId);
    if (r.kind === 'group') for (const id of referencedListIds(r.rules)) ids.add(id);
  }
  return [...ids];
}
