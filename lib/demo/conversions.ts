import { sql } from 'drizzle-orm';
import { signClickId } from '@/lib/conversions/click-id';
import { recordView, visitorHash } from '@/lib/conversions/collect';
import { createGoal, getSiteSettings } from '@/lib/conversions/goals';
import { recordConversion } from '@/lib/conversions/record';
import { CLICK_KINDS } from '@/lib/db/schema/conversions/constants';
import { executeRows } from '@/lib/db/sql';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { chance, pick } from './random';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WEEKS = 6;
const SHOP = 'roastery.example';
const UA = {
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  mobile: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  tablet: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
} as const;
/** Where the shop's other visitors come from: AI assistants, search, social, direct. */
const ORIGINS: { referrer?: string; utmSource?: string; weight: number }[] = [
  { referrer: 'https://chatgpt.com/', weight: 2 },
  { utmSource: 'chatgpt.com', weight: 1 },
  { referrer: 'https://www.perplexity.ai/', weight: 1 },
  { referrer: 'https://www.google.com/', weight: 5 },
  { referrer: 'https://duckduckgo.com/', weight: 1 },
  { referrer: 'https://www.instagram.com/', weight: 3 },
  { referrer: 'https://www.facebook.com/', weight: 1 },
  { weight: 4 },
];
const weighted = ORIGINS.flatMap((o) => Array.from({ length: o.weight }, () => o));
const deviceOf = (u: number) => (u < 0.55 ? UA.mobile : u < 0.93 ? UA.desktop : UA.tablet);

export interface DemoConversionsSummary {
  goals: number;
  visits: number;
  conversions: number;
  duplicates: number;
}

/**
 * Six weeks of the roastery's own web shop, through the product's verbs: its goals (set up as
 * Conversions → Setup does), page views as the snippet's collector records them (visitors who
 * came from the mails carry the click id of their real demo click), and conversions through
 * recordConversion — purchases credited to the campaign click that brought the buyer, some order
 * ids sent twice (refused as duplicates), and sales from AI assistants, search and social.
 * Deterministic: every draw is `chance(...)` over stable keys; A/B campaigns (whose split varies)
 * are left out.
 */
export async function seedDemoConversions(ctx: WorkspaceCtx, { now }: { now: Date }): Promise<DemoConversionsSummary> {
  const db = ctx.db;
  const goal = (key: string, name: string, kind: 'macro' | 'micro') => createGoal({ ctx, input: { key, name, kind, defaultValue: null, currency: 'EUR' } });
  await goal('purchase', 'Purchase', 'macro');
  await goal('sign-up', 'Newsletter sign-up', 'macro');
  await goal('add_to_cart', 'Add to cart', 'micro');
  const { siteKey } = await getSiteSettings(db, ctx.workspaceId);
  const summary: DemoConversionsSummary = { goals: 3, visits: 0, conversions: 0, duplicates: 0 };
  // From midnight (UTC) six weeks ago: the same clicks whenever today the demo is seeded.
  const since = new Date(now.getTime() - WEEKS * 7 * DAY);
  since.setUTCHours(0, 0, 0, 0);
  const ipOf = (n: number) => `203.0.113.${n % 250}`;
  const visit = async (at: Date, key: string, extra: { referrer?: string; utmSource?: string; clickId?: string }) => {
    const ua = deviceOf(chance('device', key));
    const answer = await recordView(db, {
      siteKey,
      origin: null,
      visitor: visitorHash(siteKey, ipOf(Math.floor(chance('ip', key) * 10_000)), ua, at),
      referrer: extra.referrer,
      utmSource: extra.utmSource,
      pageHost: SHOP,
      userAgent: ua,
      clickId: extra.clickId,
      at,
    });
    if (answer.found && answer.allowed) summary.visits++;
    return ua;
  };
  const convert = async (input: Omit<Parameters<typeof recordConversion>[1], 'workspaceId' | 'via' | 'pageHost'>) => {
    const result = await recordConversion(db, { workspaceId: ctx.workspaceId, via: 'snippet', pageHost: SHOP, ...input });
    if (result.status === 'recorded') summary.conversions++;
    if (result.status === 'duplicate') summary.duplicates++;
  };

  // Visitors from the mails: each recent human click lands on the shop with its click id.
  const clicks = await executeRows<{ id: string | number; created_at: string | Date; email: string }>(
    db,
    sql`select e.id, e.created_at, k.email from events e
        join campaigns c on c.id = e.campaign_id join contacts k on k.id = e.contact_id
        where e.workspace_id = ${ctx.workspaceId} and e.type = 'click' and not e.machine
          and c.ab_test is null and c.sequence_id is null and e.created_at > ${since.toISOString()}::timestamptz
        order by e.created_at, k.email, e.link_id`,
  );
  let order = 1000;
  // Draws are keyed by the person and the how-manieth recent click of theirs, never by a time (today's
  // campaign is sent "an hour ago", so its click times move with the clock).
  const seen = new Map<string, number>();
  for (const click of clicks) {
    const at = new Date(click.created_at);
    const nth = (seen.get(click.email) ?? 0) + 1;
    seen.set(click.email, nth);
    const clickId = signClickId({ kind: CLICK_KINDS.event, id: Number(click.id) });
    const ua = await visit(new Date(at.getTime() + 2_000), `mail:${click.email}:${nth}`, { clickId });
    const u = chance('buy', click.email, nth);
    const later = new Date(Math.min(now.getTime() - 60_000, at.getTime() + (1 + chance('delay', click.email) * 30) * HOUR));
    if (u < 0.3) await convert({ goalKey: 'add_to_cart', clickId, userAgent: ua, occurredAt: new Date(at.getTime() + 5 * 60_000) });
    if (u < 0.12) {
      const orderId = `RO-${++order}`;
      const valueCents = 1450 + Math.floor(chance('value', orderId) * 60) * 100 + 95;
      await convert({ goalKey: 'purchase', orderId, valueCents, currency: 'EUR', clickId, userAgent: ua, occurredAt: later });
      // The shop's thank-you page reloaded: the same order id again, refused.
      if (chance('reload', orderId) < 0.25) await convert({ goalKey: 'purchase', orderId, valueCents, currency: 'EUR', clickId, userAgent: ua, occurredAt: later });
    }
  }

  // Everyone else: about 25 visits a day from AI assistants, search, social and direct; a few buy or sign up.
  for (let day = WEEKS * 7; day >= 1; day--) {
    for (let i = 0; i < 25; i++) {
      const key = `web:${day}:${i}`;
      const at = new Date(now.getTime() - day * DAY + Math.floor(chance('time', key) * 20 * HOUR));
      const from = pick(weighted, chance('origin', key));
      const ua = await visit(at, key, from);
      const u = chance('web-buy', key);
      if (u < 0.025) {
        const orderId = `RO-${++order}`;
        await convert({ goalKey: 'purchase', orderId, valueCents: 2295 + Math.floor(chance('value', orderId) * 40) * 100, currency: 'EUR', ...from, userAgent: ua, occurredAt: new Date(at.getTime() + 10 * 60_000) });
      } else if (u < 0.06) {
        await convert({ goalKey: 'sign-up', ...from, userAgent: ua, occurredAt: new Date(at.getTime() + 3 * 60_000) });
      }
    }
  }
  return summary;
}
