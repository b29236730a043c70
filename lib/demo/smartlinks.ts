import { AppError } from '@/lib/errors';
import { createSmartlinkPage, saveSmartlinkPage, setSmartlinkPublished, setSmartlinkSlug } from '@/lib/smartlinks/manage';
import { recordSmartlinkHits, type TimedSmartlinkHit } from '@/lib/smartlinks/store';
import { smartlinkSaveInput } from '@/lib/smartlinks/validation';
import { cookieVisitorKey } from '@/lib/smartlinks/visitor';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { chance } from './random';

const DAY = 86_400_000;
export const DEMO_SMARTLINK_DAYS = 28;
/** The day (days ago) on which few visitors each clicked several items: a CTR above 100 %. */
export const DEMO_SMARTLINK_BUSY_CLICKERS_DAY = 4;

const ITEMS = [
  { kind: 'button', label: 'Shop our beans', url: 'https://roastery.example/shop', imageUrl: '' },
  { kind: 'image', label: 'Spring harvest: Ethiopia Guji', url: 'https://roastery.example/shop/guji', imageUrl: 'https://picsum.photos/seed/pulse-guji/640/360' },
  { kind: 'button', label: 'Join the newsletter', url: 'https://roastery.example/newsletter', imageUrl: '' },
  { kind: 'video', label: 'Watch: how we roast', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', imageUrl: '' },
  { kind: 'button', label: 'Visit the roastery', url: 'https://maps.example/roastery', imageUrl: '' },
] as const;
// How likely a visitor clicks each item (more than one may be clicked per visit).
const CLICK_CHANCE = [0.42, 0.24, 0.12, 0.09, 0.06];
const SOURCES: Array<[string, string | null, number]> = [
  ['social', 'instagram.com', 0.55],
  ['direct', null, 0.2],
  ['email', 'mail.google.com', 0.1],
  ['ai', 'chatgpt.com', 0.08],
  ['search', 'google.com', 0.07],
];

/**
 * The demo's SmartLink page: built and published through the builder's verbs, then four weeks of
 * visits and clicks recorded through the SmartLink store at the times they happened (the same
 * rules as the live page: clicks only on the page's own items), with link previews and crawlers
 * among them, and one day on which three visitors clicked two items each (CTR 200 %).
 */
export async function seedDemoSmartlinks(ctx: WorkspaceCtx, { now }: { now: Date }): Promise<{ pages: number; hits: number }> {
  const created = await createSmartlinkPage({ ctx, input: { title: 'Roastery Noord' } });
  const saved = await saveSmartlinkPage({
    ctx,
    input: smartlinkSaveInput.parse({
      workspaceId: ctx.workspaceId,
      pageId: created.id,
      title: 'Roastery Noord',
      bio: 'Small-batch coffee, roasted in Amsterdam-Noord every Tuesday.',
      avatarUrl: '',
      theme: { preset: 'sunset', accent: null, buttonStyle: 'pill' },
      items: ITEMS,
    }),
  });
  // Slugs are global: the demo takes "roastery-noord" when it is free, else keeps its proposal.
  try {
    await setSmartlinkSlug({ ctx, input: { pageId: created.id, slug: 'roastery-noord' } });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
  await setSmartlinkPublished({ ctx, input: { pageId: created.id, publish: true } });

  const itemIds = saved.items.map((i) => i.id);
  const hits: TimedSmartlinkHit[] = [];
  const pageId = created.id;
  // Every hit of story day d falls on one calendar date in UTC and in Europe (02:00–22:00 UTC).
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const timeOn = (d: number, u: number) => new Date(today - d * DAY + 2 * 3_600_000 + Math.floor(u * 20 * 3_600_000));
  for (let d = DEMO_SMARTLINK_DAYS; d >= 1; d--) {
    const busy = d === DEMO_SMARTLINK_BUSY_CLICKERS_DAY;
    const weekend = new Date(today - d * DAY).getUTCDay() % 6 === 0;
    const visits = busy ? 3 : Math.round(14 + chance('sl-visits', d) * 22 + (weekend ? 10 : 0));
    for (let v = 0; v < visits; v++) {
      const at = timeOn(d, chance('sl-at', d, v));
      // A quarter of the visits are people who came before (the same cookie).
      const who = chance('sl-return', d, v) < 0.25 ? `demo-regular-${Math.floor(chance('sl-who', d, v) * 40)}` : `demo-${d}-${v}`;
      let u = chance('sl-source', d, v);
      const [source, referrerHost] = SOURCES.find(([, , share]) => (u -= share) < 0) ?? SOURCES[0];
      const meta = { visitor: cookieVisitorKey(who), machineReason: null, source, device: chance('sl-device', d, v) < 0.78 ? 'mobile' : 'desktop', referrerHost };
      hits.push({ ...meta, pageId, type: 'visit', at });
      itemIds.forEach((itemId, i) => {
        const clicked = busy ? i < 2 : chance('sl-click', d, v, i) < CLICK_CHANCE[i];
        if (clicked) hits.push({ ...meta, pageId, type: 'click', itemId, at: new Date(at.getTime() + (i + 1) * 9_000) });
      });
    }
    // Link previews (a shared link unfurled in WhatsApp or Slack) and crawlers: flagged, left out by default.
    const machines = Math.floor(chance('sl-machines', d) * 4);
    for (let m = 0; m < machines; m++) {
      const at = timeOn(d, chance('sl-mat', d, m));
      const reason = m % 3 === 2 ? 'bot' : 'preview';
      const meta = { visitor: null, machineReason: reason, source: 'direct', device: 'other', referrerHost: null };
      hits.push({ ...meta, pageId, type: 'visit', at });
      if (reason === 'bot') hits.push({ ...meta, pageId, type: 'click', itemId: itemIds[0], at: new Date(at.getTime() + 1000) });
    }
  }
  const recorded = await recordSmartlinkHits(ctx.db, hits);
  if (recorded !== hits.length) throw new Error(`demo seed: ${hits.length - recorded} SmartLink hits were refused`);
  return { pages: 1, hits: recorded };
}
