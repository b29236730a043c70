import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTestCampaign } from '@/lib/campaigns/preview';
import { startCampaign } from '@/lib/campaigns/start';
import { events, mailMessages } from '@/lib/db/schema';
import { getOutboxMessage } from '@/lib/mail/outbox';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { installProcessDb, startTrackingServer } from './support/campaigns';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';
import { deliverAll, makeContacts, makeDraft, useSmtp } from './support/sending';

/**
 * Looking is not opening: the Outbox viewer (Settings → Outbox → a mail) renders the mail in an
 * iframe, which loads every image and lets the admin click links. Whatever a browser could fetch
 * from what getOutboxMessage returns is fetched here against the real tracking handler.
 */
const db = setupTestDb();
const BASE = 'https://pulse.example';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
let ctx: WorkspaceCtx;
let memberEmail: string;
let tracker: string;
let close: () => Promise<void>;
let restoreDb: () => void;

beforeAll(async () => {
  delete process.env.SMTP_URL;
  process.env.PULSE_BASE_URL = BASE;
  restoreDb = installProcessDb(db());
  ({ url: tracker, close } = await startTrackingServer());
  const u = await makeUser(db(), { workspaceName: 'Outbox viewers' });
  ctx = await ctxFor(db(), u.user.id, u.workspace.id);
  memberEmail = u.user.email; // campaign test sends go to members only
  await useSmtp(db(), ctx.workspaceId, null); // no SMTP: campaign mail lands in the outbox
});
afterAll(async () => {
  delete process.env.PULSE_BASE_URL;
  await close?.();
  restoreDb?.();
});

/** Every URL an iframe would load or a click would follow: src/href attributes and bare URLs in the text. */
function urlsIn(html: string, text: string): string[] {
  const attrs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const bare = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  return [...attrs, ...bare];
}

/** Loads, as a browser viewing the mail would, each URL that reaches Pulse's tracking path. */
async function view(message: { html: string; text: string }): Promise<number> {
  let fetched = 0;
  for (const raw of urlsIn(message.html, message.text)) {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE) continue;
    await fetch(tracker + url.pathname, { redirect: 'manual', headers: { 'user-agent': CHROME } });
    fetched++;
  }
  return fetched;
}

const eventCount = async (campaignId: string) => (await db().select({ id: events.id }).from(events).where(eq(events.campaignId, campaignId))).length;

describe('viewing a mail records nothing', () => {
  it('a sent campaign mail in the Outbox: no pixel, links go to their targets, zero events', async () => {
    await makeContacts(db(), ctx.workspaceId, 2);
    const campaign = await makeDraft(db(), ctx.workspaceId);
    await startCampaign(db(), campaign.id);
    expect(await deliverAll(db(), campaign.id)).toMatchObject({ sent: 2, finished: true });

    const [stored] = await db()
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.workspaceId, ctx.workspaceId), eq(mailMessages.kind, 'campaign')))
      .limit(1);
    // What went out is tracked (the recipient's mail must keep its pixel and tracked links) …
    expect(stored.html).toContain(`${BASE}/t/o/`);
    expect(stored.html).toContain(`${BASE}/t/c/`);

    // … what the Outbox shows is not.
    const shown = await getOutboxMessage(ctx, stored.id);
    expect(shown.html).not.toMatch(/\/t\/[ocu]\//);
    expect(shown.text).not.toMatch(/\/t\/[ocu]\//);
    expect(shown.html).toContain('href="https://shop.example/sale"');
    expect(shown.html).toContain('href="https://shop.example/beans"');
    expect(shown.html).toContain('src="https://cdn.example/beans.png"');
    expect(shown.text).toContain('https://shop.example/sale');

    await view(shown);
    expect(await eventCount(campaign.id)).toBe(0);

    // The check above can fail: viewing the stored (unneutralised) mail would have recorded an open.
    expect(await view(stored)).toBeGreaterThan(0);
    expect(await eventCount(campaign.id)).toBeGreaterThan(0);
  });

  it('a test send carries no tracking at all, so viewing it records nothing', async () => {
    const campaign = await makeDraft(db(), ctx.workspaceId);
    const sent = await sendTestCampaign({ ctx, input: { campaignId: campaign.id, to: memberEmail } });
    const [stored] = await db().select().from(mailMessages).where(eq(mailMessages.id, sent.id));
    expect(`${stored.html}\n${stored.text}`).not.toMatch(/\/t\/[ocu]\//);
    const shown = await getOutboxMessage(ctx, sent.id);
    expect(await view(shown)).toBe(0);
    expect(await eventCount(campaign.id)).toBe(0);
  });
});
