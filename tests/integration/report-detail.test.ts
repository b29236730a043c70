import { beforeAll, describe, expect, it } from 'vitest';
import { events, type EventType } from '@/lib/db/schema';
import { DAY, HOUR, MINUTE } from '@/lib/metrics';
import { getCampaignReport } from '@/lib/reports/campaign';
import { listCampaignRecipients } from '@/lib/reports/recipients';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { makeCampaign, rollupThrough, type MadeCampaign } from './support/campaigns';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';

const db = setupTestDb();
let owner: WorkspaceCtx;

async function hit(c: MadeCampaign, send: number, type: EventType, at: Date, opts: { machine?: boolean; link?: number } = {}) {
  const [row] = await db()
    .insert(events)
    .values({
      workspaceId: c.workspaceId,
      campaignId: c.id,
      sendId: c.sends[send].id,
      contactId: c.sends[send].contactId,
      linkId: opts.link === undefined ? null : c.links[opts.link].id,
      type,
      machine: opts.machine ?? false,
      createdAt: at,
    })
    .returning({ id: events.id });
  return row.id;
}

beforeAll(async () => {
  const a = await makeUser(db(), { workspaceName: 'Report detail' });
  owner = await ctxFor(db(), a.user.id, a.workspace.id);
});

describe('a report that explains itself', () => {
  it('counts openers known only from a click (images off), and lists them as inferred', async () => {
    const c = await makeCampaign(db(), owner.workspaceId, { sends: 4, urls: ['https://shop.example/a'] });
    const t0 = new Date(Date.now() - 40 * MINUTE);
    await hit(c, 0, 'open', t0);
    await hit(c, 0, 'click', new Date(t0.getTime() + 2 * MINUTE), { link: 0 });
    await hit(c, 1, 'click', new Date(t0.getTime() + 5 * MINUTE), { link: 0 }); // no pixel: images off
    await hit(c, 2, 'open', new Date(t0.getTime() + 6 * MINUTE), { machine: true });
    await rollupThrough(db(), await hit(c, 3, 'click', new Date(t0.getTime() + 9 * MINUTE), { link: 0, machine: true }));

    const r = await getCampaignReport(owner, c.id);
    expect(r.counts.uniqueOpens.human).toBe(2);
    expect(r.counts.opens.human).toBe(1); // the pixel saw one: the gap is the inferred opener
    expect(r.inferredOpens).toEqual({ human: 1, total: 2, machine: 1 });

    const opened = await listCampaignRecipients(owner, c.id, { filter: 'opened' });
    const inferred = opened.rows.find((row) => row.sendId === c.sends[1].id)!;
    expect(inferred.firstOpenAt).toBeNull();
    expect(inferred.firstClickAt).toBeInstanceOf(Date);

    // Ten minutes of activity: per-minute first opens and clicks, not one hourly dot.
    expect(r.timeline.source).toBe('firsts');
    expect(r.timeline.bucket).toBe(MINUTE);
    expect(r.timeline.points.length).toBeGreaterThanOrEqual(6);
    expect(r.timeline.points.reduce((s, p) => s + p.humanClicks, 0)).toBe(2);
    expect(r.timeline.points.reduce((s, p) => s + p.humanOpens, 0)).toBe(1);
    expect(r.campaign.subject).toBe('');
    expect(r.campaign.audience).toEqual({ type: 'all' });
  });

  it('reads the hourly roll-up for longer spans, in hours or days', async () => {
    const c = await makeCampaign(db(), owner.workspaceId, { sends: 2, urls: ['https://shop.example/b'] });
    const start = new Date(Date.now() - 30 * HOUR);
    await hit(c, 0, 'open', start);
    await rollupThrough(db(), await hit(c, 1, 'open', new Date(start.getTime() + 20 * HOUR)));
    const r = await getCampaignReport(owner, c.id);
    expect(r.timeline.source).toBe('hourly');
    expect(r.timeline.bucket).toBe(HOUR);
    expect(r.timeline.points).toHaveLength(21);
    expect(r.timeline.points.reduce((s, p) => s + p.opens, 0)).toBe(2);

    const week = await makeCampaign(db(), owner.workspaceId, { sends: 2, urls: [] });
    await hit(week, 0, 'open', new Date(Date.now() - 6 * DAY));
    await rollupThrough(db(), await hit(week, 1, 'open', new Date(Date.now() - HOUR)));
    const w = await getCampaignReport(owner, week.id);
    expect(w.timeline.bucket).toBe(DAY);
    expect(w.timeline.points.length).toBeGreaterThanOrEqual(6);
    expect(w.timeline.points.length).toBeLessThanOrEqual(8);
  });
});
