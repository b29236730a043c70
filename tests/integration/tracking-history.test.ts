import { beforeAll, describe, expect, it } from 'vitest';
import { classifyClick, classifyOpen } from '@/lib/tracking/classify';
import { recordHits } from '@/lib/tracking/store';
import { campaignEvents, makeCampaign, type MadeCampaign } from './support/campaigns';
import { setupTestDb } from './support/db';
import { makeUser } from './support/factories';

/** recordHits: opens and clicks at known past times (the demo seed's history) under the /t/ rules. */
const db = setupTestDb();
let mine: MadeCampaign;
let other: MadeCampaign;
const sentAt = new Date('2026-03-02T09:00:00Z');
const at = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);
const browser = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

beforeAll(async () => {
  const a = await makeUser(db());
  const b = await makeUser(db());
  mine = await makeCampaign(db(), a.workspace.id, { sends: [{ sentAt }, { sentAt }] });
  other = await makeCampaign(db(), b.workspace.id, { urls: ['https://evil.example/phish'], sends: 1 });
});

describe('recordHits', () => {
  it('stores each hit at its own time, applies the early window from sent_at, and refuses a link of another campaign', async () => {
    const [s1, s2] = mine.sends;
    const recorded = await recordHits(db(), [
      { sendId: s1.id, type: 'open', at: at(3 * 3600), verdict: classifyOpen(browser) },
      { sendId: s1.id, type: 'open', at: at(20), verdict: classifyOpen(browser) },
      { sendId: s2.id, type: 'open', at: at(10), verdict: classifyOpen('Mozilla/5.0') },
      { sendId: s1.id, type: 'click', linkId: mine.links[0].id, at: at(3 * 3600 + 60), verdict: classifyClick(browser) },
      { sendId: s2.id, type: 'click', linkId: other.links[0].id, at: at(3 * 3600), verdict: classifyClick(browser) },
      { sendId: 987_654_321, type: 'open', at: at(60), verdict: classifyOpen(browser) },
    ]);
    expect(recorded).toBe(4);
    const events = (await campaignEvents(db(), mine.id)).map((e) => ({ send: e.sendId, type: e.type, machine: e.machine, meta: e.meta, at: e.createdAt.toISOString(), link: e.linkId }));
    expect(events).toEqual([
      { send: s1.id, type: 'open', machine: true, meta: { machine: 'early' }, at: at(20).toISOString(), link: null },
      { send: s2.id, type: 'open', machine: true, meta: { machine: 'apple-mpp' }, at: at(10).toISOString(), link: null },
      { send: s1.id, type: 'open', machine: false, meta: null, at: at(3 * 3600).toISOString(), link: null },
      { send: s1.id, type: 'click', machine: false, meta: null, at: at(3 * 3600 + 60).toISOString(), link: mine.links[0].id },
    ].sort((x, y) => x.at.localeCompare(y.at)));
    expect(await campaignEvents(db(), other.id)).toHaveLength(0);
  });
});
