import type { InactivityTierId } from '@/lib/metrics/reactivation';
import type { ContactStatus } from '@/lib/db/schema/contacts/constants';
import type { Match, SegmentRule, SegmentRules } from '@/lib/segments/rules';

export const RULE_KINDS = ['lastActivity', 'inactivityTier', 'engagement', 'surveyCategory', 'list', 'tag', 'attribute', 'status', 'group'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * A rule while it is being edited: numbers are still the text typed, fields may be empty.
 * `toRules` turns it into the rule model; segmentRulesSchema then says what is missing.
 */
export interface DraftRule {
  uid: string;
  kind: RuleKind;
  signal?: string;
  op?: string;
  days?: string;
  tiers?: string[];
  behaviour?: string;
  listId?: string;
  tag?: string;
  key?: string;
  value?: string;
  statuses?: string[];
  /** surveyCategory: nps or csat, and the groups of that kind. */
  survey?: string;
  categories?: string[];
  match?: Match;
  rules?: DraftRule[];
}

export interface DraftRules {
  match: Match;
  rules: DraftRule[];
}

let counter = 0;
const uid = () => `r${++counter}`;

export function newRule(kind: RuleKind, lists: { id: string }[]): DraftRule {
  switch (kind) {
    case 'lastActivity':
      return { uid: uid(), kind, signal: 'open', op: 'olderThan', days: '90' };
    case 'inactivityTier':
      return { uid: uid(), kind, tiers: ['tier1'] };
    case 'engagement':
      return { uid: uid(), kind, behaviour: 'openedNotClicked', days: '30' };
    case 'list':
      return { uid: uid(), kind, op: 'in', listId: lists[0]?.id ?? '' };
    case 'tag':
      return { uid: uid(), kind, op: 'has', tag: '' };
    case 'attribute':
      return { uid: uid(), kind, key: '', op: 'equals', value: '' };
    case 'status':
      return { uid: uid(), kind, statuses: ['subscribed'] };
    case 'surveyCategory':
      return { uid: uid(), kind, survey: 'nps', categories: ['promoter'] };
    case 'group':
      return { uid: uid(), kind, match: 'any', rules: [newRule('tag', lists)] };
  }
}

/** Empty text is "missing"; anything else must be a whole number (the schema says which). */
const days = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v.trim().replace(',', '.')));

function toRule(d: DraftRule): SegmentRule {
  switch (d.kind) {
    case 'lastActivity':
      return { kind: d.kind, signal: d.signal, op: d.op, ...(d.op !== 'never' && { days: days(d.days) }) } as SegmentRule;
    case 'inactivityTier':
      return { kind: d.kind, tiers: (d.tiers ?? []) as InactivityTierId[] };
    case 'engagement':
      return { kind: d.kind, behaviour: d.behaviour, days: days(d.days) } as SegmentRule;
    case 'list':
      return { kind: d.kind, op: d.op, listId: d.listId } as SegmentRule;
    case 'tag':
      return { kind: d.kind, op: d.op, tag: d.tag ?? '' } as SegmentRule;
    case 'attribute':
      return { kind: d.kind, key: d.key ?? '', op: d.op, value: d.value ?? '' } as SegmentRule;
    case 'status':
      return { kind: d.kind, statuses: (d.statuses ?? []) as ContactStatus[] };
    case 'surveyCategory':
      return { kind: d.kind, survey: d.survey, categories: d.categories ?? [] } as SegmentRule;
    case 'group':
      return { kind: d.kind, match: d.match ?? 'all', rules: (d.rules ?? []).map(toRule) };
  }
}

export const toRules = (d: DraftRules): SegmentRules => ({ match: d.match, rules: d.rules.map(toRule) });

function fromRule(r: SegmentRule): DraftRule {
  if (r.kind === 'group') return { uid: uid(), kind: r.kind, match: r.match, rules: r.rules.map(fromRule) };
  const { kind, ...rest } = r as SegmentRule & { days?: number };
  return { uid: uid(), kind, ...rest, ...('days' in rest && { days: rest.days === undefined ? '' : String(rest.days) }) } as DraftRule;
}

export const fromRules = (r: SegmentRules): DraftRules => ({ match: r.match, rules: r.rules.map(fromRule) });
