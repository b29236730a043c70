import { beforeAll, describe, expect, it } from 'vitest';
import { createList, addListMembers } from '@/lib/contacts/lists';
import { listContacts } from '@/lib/contacts/query';
import type { Contact } from '@/lib/db/schema';
import { segmentInputSchema } from '@/lib/db/schema/contacts/validation';
import { contactInactivityTier, INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import { countSegment, createSegment, deleteSegment, getSegment, listSegments, updateSegment } from '@/lib/segments/manage';
import { segmentRulesSchema, type SegmentRule, type SegmentRules } from '@/lib/segments/rules';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { daysAgo, makeContact, snapshotContacts } from './support/contacts';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';

const db = setupTestDb();

let ctx: WorkspaceCtx;
let listId: string;
const people: Record<string, Contact> = {};
let segmentNo = 0;

// Dates sit at least a day away from any boundary the rule under test could hit, except in the
// boundary test, which sets them an hour either side on purpose.
const PEOPLE = {
  fresh: { lastOpenAt: daysAgo(5), lastClickAt: daysAgo(5), joinedAt: daysAgo(400), tags: ['vip'], attributes: { city: 'Amsterdam' } },
  opener: { lastOpenAt: daysAgo(3), lastClickAt: daysAgo(40), joinedAt: daysAgo(400), attributes: { city: 'Den Haag', plan: '100% pro' } },
  openerNeverClicked: { lastOpenAt: daysAgo(10), joinedAt: daysAgo(400), tags: ['vip', 'b2b'] },
  tier1: { lastOpenAt: daysAgo(45), joinedAt: daysAgo(400), attributes: { city: 'amsterdam' } },
  tier2: { lastPurchaseAt: daysAgo(90), lastOpenAt: daysAgo(200), joinedAt: daysAgo(400), status: 'unsubscribed' as const },
  tier3: { lastClickAt: daysAgo(200), joinedAt: daysAgo(400), status: 'bounced' as const },
  tier4: { joinedAt: daysAgo(500), tags: ['b2b'] },
  newcomer: { joinedAt: daysAgo(2) },
  unknown: { joinedAt: null },
};
type Person = keyof typeof PEOPLE;

beforeAll(async () => {
  const owner = await makeUser(db(), { workspaceName: 'Segments' });
  ctx = await ctxFor(db(), owner.user.id, owner.workspace.id);
  for (const [name, fields] of Object.entries(PEOPLE)) {
    people[name] = await makeContact(db(), ctx.workspaceId, { email: `${name.toLowerCase()}@example.test`, ...fields });
  }
  listId = (await createList({ ctx, input: { name: 'Customers' } })).id;
  await addListMembers({ ctx, input: { listId, contactIds: [people.fresh.id, people.tier2.id] } });
});

/** Saves `rules` as a segment and checks listContacts(segmentId) and countSegment(rules) agree on `expected`. */
async function expectSegment(rules: SegmentRules, expected: Person[]) {
  const parsed = segmentRulesSchema.parse(rules);
  const segment = await createSegment({ ctx, input: { name: `Segment ${++segmentNo}`, rules: parsed } });
  const listed: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listContacts(ctx, { segmentId: segment.id, limit: 3, cursor });
    listed.push(...page.items.map((c) => c.email.split('@')[0]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(listed.sort()).toEqual(expected.map((p) => p.toLowerCase()).sort());
  expect(await countSegment(ctx, parsed)).toBe(expected.length);
}
const one = (rule: SegmentRule): SegmentRules => ({ match: 'all', rules: [rule] });

describe('rules, one at a time', () => {
  it.each<[string, SegmentRule, Person[]]>([
    ['opened within 7 days', { kind: 'lastActivity', signal: 'open', op: 'within', days: 7 }, ['fresh', 'opener']],
    ['last open older than 30 days', { kind: 'lastActivity', signal: 'open', op: 'olderThan', days: 30 }, ['tier1', 'tier2']],
    ['never opened', { kind: 'lastActivity', signal: 'open', op: 'never' }, ['tier3', 'tier4', 'newcomer', 'unknown']],
    ['clicked within 30 days', { kind: 'lastActivity', signal: 'click', op: 'within', days: 30 }, ['fresh']],
    ['last click older than 30 days', { kind: 'lastActivity', signal: 'click', op: 'olderThan', days: 30 }, ['opener', 'tier3']],
    ['purchased within 120 days', { kind: 'lastActivity', signal: 'purchase', op: 'within', days: 120 }, ['tier2']],
    ['last purchase older than 60 days', { kind: 'lastActivity', signal: 'purchase', op: 'olderThan', days: 60 }, ['tier2']],
    ['inactivity tier 1', { kind: 'inactivityTier', tiers: ['tier1'] }, ['tier1']],
    ['inactivity tier 2', { kind: 'inactivityTier', tiers: ['tier2'] }, ['tier2']],
    ['inactivity tier 3 or 4', { kind: 'inactivityTier', tiers: ['tier3', 'tier4'] }, ['tier3', 'tier4']],
    ['opened but not clicked in 14 days', { kind: 'engagement', behaviour: 'openedNotClicked', days: 14 }, ['opener', 'openerNeverClicked']],
    ['never engaged', { kind: 'engagement', behaviour: 'neverEngaged' }, ['tier4', 'newcomer', 'unknown']],
    ['never engaged, joined 30+ days ago', { kind: 'engagement', behaviour: 'neverEngaged', days: 30 }, ['tier4']],
    ['on the list', { kind: 'list', listId: '', op: 'in' }, ['fresh', 'tier2']],
    ['not on the list', { kind: 'list', listId: '', op: 'notIn' }, ['opener', 'openerNeverClicked', 'tier1', 'tier3', 'tier4', 'newcomer', 'unknown']],
    ['tagged vip', { kind: 'tag', tag: 'VIP', op: 'has' }, ['fresh', 'openerNeverClicked']],
    ['not tagged b2b', { kind: 'tag', tag: 'b2b', op: 'notHas' }, ['fresh', 'opener', 'tier1', 'tier2', 'tier3', 'newcomer', 'unknown']],
    ['city equals amsterdam (any case)', { kind: 'attribute', key: 'city', op: 'equals', value: 'AMSTERDAM' }, ['fresh', 'tier1']],
    ['city contains "haag"', { kind: 'attribute', key: 'city', op: 'contains', value: 'haag' }, ['opener']],
    ['plan contains a literal %', { kind: 'attribute', key: 'plan', op: 'contains', value: '0% p' }, ['opener']],
    ['city contains "_" (literal, so nobody)', { kind: 'attribute', key: 'city', op: 'contains', value: '_' }, []],
    ['status bounced or unsubscribed', { kind: 'status', statuses: ['bounced', 'unsubscribed'] }, ['tier2', 'tier3']],
  ])('%s', async (_name, rule, expected) => {
    const withList = rule.kind === 'list' ? { ...rule, listId } : rule;
    await expectSegment(one(withList), expected);
  });
});

describe('combinations', () => {
  it('all / any, and a nested group', async () => {
    const vip: SegmentRule = { kind: 'tag', tag: 'vip', op: 'has' };
    const recent: SegmentRule = { kind: 'lastActivity', signal: 'open', op: 'within', days: 7 };
    await expectSegment({ match: 'all', rules: [vip, recent] }, ['fresh']);
    await expectSegment({ match: 'any', rules: [vip, recent] }, ['fresh', 'opener', 'openerNeverClicked']);
    // "No open in 30 days" is (older than 30) or (never); nested under "subscribed".
    await expectSegment(
      {
        match: 'all',
        rules: [
          { kind: 'status', statuses: ['subscribed'] },
          {
            kind: 'group',
            match: 'any',
            rules: [
              { kind: 'lastActivity', signal: 'open', op: 'olderThan', days: 30 },
              { kind: 'lastActivity', signal: 'open', op: 'never' },
            ],
          },
        ],
      },
      ['tier1', 'tier4', 'newcomer', 'unknown'],
    );
  });

  it('the SQL tiers agree with lib/metrics for every contact', async () => {
    const now = new Date();
    for (const tier of INACTIVITY_TIER_IDS) {
      const expected = (Object.keys(PEOPLE) as Person[]).filter((p) => contactInactivityTier(people[p], now) === tier);
      expect(await countSegment(ctx, one({ kind: 'inactivityTier', tiers: [tier] })), tier).toBe(expected.length);
    }
  });

  it('tier boundaries follow whole days: 29 d 23 h active, 30 d 1 h tier 1, 60 d 23 h tier 1, 61 d 1 h tier 2', async () => {
    const owner = await makeUser(db(), { workspaceName: 'Boundaries' });
    const bctx = await ctxFor(db(), owner.user.id, owner.workspace.id);
    const at = async (days: number, hours: number) =>
      (await makeContact(db(), owner.workspace.id, { joinedAt: daysAgo(days, hours) })).id;
    const active = await at(29, 23);
    const t1Low = await at(30, 1);
    const t1High = await at(60, 23);
    const t2Low = await at(61, 1);
    const ids = async (tier: (typeof INACTIVITY_TIER_IDS)[number]) => {
      const segment = await createSegment({ ctx: bctx, input: { name: tier, rules: one({ kind: 'inactivityTier', tiers: [tier] }) } });
      return (await listContacts(bctx, { segmentId: segment.id })).items.map((c) => c.id).sort();
    };
    const tier1 = await ids('tier1');
    const tier2 = await ids('tier2');
    expect(tier1).toEqual([t1Low, t1High].sort());
    expect(tier2).toEqual([t2Low]);
    expect([...tier1, ...tier2]).not.toContain(active);
  });
});

describe('segment verbs', () => {
  it('create, rename, change rules, delete; names are unique per workspace', async () => {
    const rules = one({ kind: 'tag', tag: 'vip', op: 'has' });
    const s = await createSegment({ ctx, input: { name: 'VIPs', rules } });
    await expectAppError(createSegment({ ctx, input: { name: 'VIPs', rules } }), 'CONFLICT', 'segmentExists');
    const changed = await updateSegment({ ctx, input: { segmentId: s.id, name: 'B2B', rules: one({ kind: 'tag', tag: 'b2b', op: 'has' }) } });
    expect(changed).toMatchObject({ name: 'B2B', rules: { match: 'all', rules: [{ kind: 'tag', tag: 'b2b', op: 'has' }] } });
    expect((await listContacts(ctx, { segmentId: s.id })).items.map((c) => c.email).sort()).toEqual([
      'openerneverclicked@example.test',
      'tier4@example.test',
    ]);
    expect((await listSegments(ctx)).map((x) => x.name)).toContain('B2B');
    await deleteSegment({ ctx, input: { segmentId: s.id } });
    await expectAppError(getSegment({ ctx, input: { segmentId: s.id } }), 'NOT_FOUND', 'segmentNotFound');
    await expectAppError(listContacts(ctx, { segmentId: s.id }), 'NOT_FOUND', 'segmentNotFound');
  });

  it('the rule model refuses incomplete and over-deep rules', () => {
    const bad = (rules: unknown) => segmentRulesSchema.safeParse(rules).success;
    expect(bad({ match: 'all', rules: [{ kind: 'lastActivity', signal: 'open', op: 'olderThan' }] })).toBe(false);
    expect(bad({ match: 'all', rules: [{ kind: 'engagement', behaviour: 'openedNotClicked' }] })).toBe(false);
    expect(bad({ match: 'all', rules: [] })).toBe(false);
    expect(bad({ match: 'all', rules: [{ kind: 'sql', text: '1=1' }] })).toBe(false);
    expect(bad({ match: 'all', rules: [{ kind: 'attribute', key: "x' or 1=1 --", op: 'equals', value: 'y' }] })).toBe(false);
    const nest = (depth: number): SegmentRule =>
      depth === 0 ? { kind: 'status', statuses: ['subscribed'] } : { kind: 'group', match: 'any', rules: [nest(depth - 1)] };
    expect(bad({ match: 'all', rules: [nest(2)] })).toBe(true);
    expect(bad({ match: 'all', rules: [nest(3)] })).toBe(false);
    expect(segmentInputSchema.safeParse({ name: '<b>x</b>', rules: one({ kind: 'status', statuses: ['subscribed'] }) }).success).toBe(false);
  });

  it('a viewer counts and lists segments but may not change them', async () => {
    const owner = await makeUser(db(), { workspaceName: 'Segment roles' });
    const octx = await ctxFor(db(), owner.user.id, owner.workspace.id);
    const s = await createSegment({ ctx: octx, input: { name: 'All', rules: one({ kind: 'status', statuses: ['subscribed'] }) } });
    const viewer = await addMember(db(), owner.workspace.id, 'viewer');
    const vctx = await ctxFor(db(), viewer.id, owner.workspace.id);
    expect(await countSegment(vctx, s.rules)).toBe(0);
    expect(await listSegments(vctx)).toHaveLength(1);
    const before = await snapshotContacts(db(), owner.workspace.id);
    await expectAppError(createSegment({ ctx: vctx, input: { name: 'Mine', rules: s.rules } }), 'FORBIDDEN', 'readOnly');
    await expectAppError(updateSegment({ ctx: vctx, input: { segmentId: s.id, name: 'Mine' } }), 'FORBIDDEN', 'readOnly');
    await expectAppError(deleteSegment({ ctx: vctx, input: { segmentId: s.id } }), 'FORBIDDEN', 'readOnly');
    expect(await snapshotContacts(db(), owner.workspace.id)).toEqual(before);
  });
});

describe('tenant isolation', () => {
  it("B's segments and lists are NOT_FOUND for A, and A's segments never count B's contacts", async () => {
    const b = await makeUser(db(), { workspaceName: 'Segments B' });
    const bctx = await ctxFor(db(), b.user.id, b.workspace.id);
    await makeContact(db(), b.workspace.id, { email: 'fresh@example.test', tags: ['vip'], lastOpenAt: daysAgo(1) });
    const bList = await createList({ ctx: bctx, input: { name: 'B list' } });
    const bSegment = await createSegment({ ctx: bctx, input: { name: 'B vips', rules: one({ kind: 'tag', tag: 'vip', op: 'has' }) } });
    const beforeB = await snapshotContacts(db(), b.workspace.id);

    await expectAppError(getSegment({ ctx, input: { segmentId: bSegment.id } }), 'NOT_FOUND', 'segmentNotFound');
    await expectAppError(updateSegment({ ctx, input: { segmentId: bSegment.id, name: 'Hacked' } }), 'NOT_FOUND', 'segmentNotFound');
    await expectAppError(deleteSegment({ ctx, input: { segmentId: bSegment.id } }), 'NOT_FOUND', 'segmentNotFound');
    await expectAppError(listContacts(ctx, { segmentId: bSegment.id }), 'NOT_FOUND', 'segmentNotFound');
    const foreignListRule = one({ kind: 'list', listId: bList.id, op: 'notIn' });
    await expectAppError(countSegment(ctx, foreignListRule), 'NOT_FOUND', 'listNotFound');
    await expectAppError(createSegment({ ctx, input: { name: 'Sneaky', rules: foreignListRule } }), 'NOT_FOUND', 'listNotFound');
    expect(await snapshotContacts(db(), b.workspace.id)).toEqual(beforeB);

    // Same tag in both workspaces: each side counts only its own.
    expect(await countSegment(ctx, one({ kind: 'tag', tag: 'vip', op: 'has' }))).toBe(2);
    expect(await countSegment(bctx, one({ kind: 'tag', tag: 'vip', op: 'has' }))).toBe(1);
  });
});
