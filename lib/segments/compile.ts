import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { contacts, listMembers } from '@/lib/db/schema';
import { containsPattern, textArray } from '@/lib/db/sql';
import { daysAgoSql, inactivityTierSql, workspaceLastActivitySql } from '@/lib/metrics/inactivity-sql';
import type { Match, SegmentRule, SegmentRules } from './rules';

const activityColumn = { open: contacts.lastOpenAt, click: contacts.lastClickAt, purchase: contacts.lastPurchaseAt } as const;


/** Contact is on `listId` in `workspaceId` (shared with the contacts filter). */
export function onListSql(workspaceId: string, listId: string): SQL {
  return sql`exists (select 1 from ${listMembers} where ${listMembers.listId} = ${listId} and ${listMembers.contactId} = ${contacts.id} and ${listMembers.workspaceId} = ${workspaceId})`;
}

export const hasTagSql = (tag: string): SQL => sql`${contacts.tags} @> ${textArray([tag])}`;

/**
 * The WHERE clause of a segment over `contacts`, always scoped to `workspaceId`. Rules must have
 * passed `segmentRulesSchema`; every value is a bound parameter.
 */
export function compileSegmentRules(workspaceId: string, rules: SegmentRules): SQL {
  return and(eq(contacts.workspaceId, workspaceId), compileGroup(workspaceId, rules.match, rules.rules)) as SQL;
}

function compileGroup(workspaceId: string, match: Match, rules: SegmentRule[]): SQL {
  const parts = rules.map((r) => compileRule(workspaceId, r));
  return sql`(${(match === 'all' ? and(...parts) : or(...parts)) as SQL})`;
}

function requireDays(days: number | undefined): number {
  if (days === undefined) throw new Error('segment rule without days passed validation');
  return days;
}

function compileRule(workspaceId: string, rule: SegmentRule): SQL {
  switch (rule.kind) {
    case 'lastActivity': {
      const at = activityColumn[rule.signal];
      if (rule.op === 'never') return isNull(at) as SQL;
      const since = daysAgoSql(requireDays(rule.days));
      return rule.op === 'within' ? sql`${at} >= ${since}` : sql`${at} < ${since}`;
    }
    case 'inactivityTier': {
      // Under the workspace's own inactivity definition (settings → inactivity).
      const last = workspaceLastActivitySql(workspaceId);
      return sql`(${or(...rule.tiers.map((tier) => inactivityTierSql(last, tier))) as SQL})`;
    }
    case 'engagement': {
      if (rule.behaviour === 'openedNotClicked') {
        const since = daysAgoSql(requireDays(rule.days));
        return sql`(${contacts.lastOpenAt} >= ${since} and (${contacts.lastClickAt} is null or ${contacts.lastClickAt} < ${since}))`;
      }
      const never = sql`(${contacts.lastActivityAt} is null and ${contacts.lastOpenAt} is null and ${contacts.lastClickAt} is null and ${contacts.lastPurchaseAt} is null)`;
      return rule.days === undefined ? never : sql`(${never} and ${contacts.joinedAt} <= ${daysAgoSql(rule.days)})`;
    }
    case 'list':
      return rule.op === 'in' ? onListSql(workspaceId, rule.listId) : sql`not ${onListSql(workspaceId, rule.listId)}`;
    case 'tag':
      return rule.op === 'has' ? hasTagSql(rule.tag) : sql`not (${hasTagSql(rule.tag)})`;
    case 'attribute': {
      const value = sql`(${contacts.attributes} ->> ${rule.key}::text)`;
      return rule.op === 'equals'
        ? sql`lower(${value}) = lower(${rule.value}::text)`
        : sql`${value} ilike ${containsPattern(rule.value)}`;
    }
    case 'status':
      return inArray(contacts.status, rule.statuses);
    case 'surveyCategory':
      return rule.survey === 'nps' ? inArray(contacts.npsCategory, rule.categories) : inArray(contacts.csatCategory, rule.categories);
    case 'group':
      return compileGroup(workspaceId, rule.match, rule.rules);
  }
}
