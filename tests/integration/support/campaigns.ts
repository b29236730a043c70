import { randomUUID } from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbHandle } from '@/lib/db/client';
import {
  campaignLinks,
  campaigns,
  campaignSends,
  contacts,
  cursors,
  events,
  type AbTestConfig,
  type CampaignStatus,
  type ContentBlock,
  type SendStatus,
} from '@/lib/db/schema';
import { embeddedSurveyId } from '@/lib/campaigns/survey-block';
import { handleBarePath } from '@/lib/http/bare-paths';
import { rollupEvents, ROLLUP_CURSOR } from '@/lib/tracking/rollup';
import { CONDITION_TIMEOUT_MS } from './sending';

export interface SendSpec {
  status?: SendStatus;
  variantKey?: string | null;
  heldForWinner?: boolean;
  /** Default: an hour ago for `sent` rows, null otherwise. */
  sentAt?: Date | null;
}

export interface MadeCampaign {
  id: string;
  workspaceId: string;
  links: { id: number; url: string }[];
  sends: { id: number; contactId: string }[];
}

/**
 * A campaign with frozen links and sends, inserted directly (as startCampaign and the send worker
 * would leave them), each send to its own fresh subscribed contact.
 */
export async function makeCampaign(
  db: Db,
  workspaceId: string,
  opts: {
    urls?: string[];
    sends?: number | SendSpec[];
    status?: CampaignStatus;
    abTest?: AbTestConfig | null;
    name?: string;
    finishedAt?: Date;
    /** Content; the survey it embeds is derived as the save verb derives it. */
    blocks?: ContentBlock[];
  } = {},
): Promise<MadeCampaign> {
  const [campaign] = await db
    .insert(campaigns)
    .values({
      workspaceId,
      name: opts.name ?? `Campaign ${randomUUID().slice(0, 8)}`,
      status: opts.status ?? 'sent',
      abTest: opts.abTest ?? null,
      blocks: opts.blocks ?? [],
      surveyId: embeddedSurveyId(opts.blocks ?? []),
      startedAt: new Date(Date.now() - 2 * 3_600_000),
      finishedAt: opts.finishedAt ?? new Date(Date.now() - 3_600_000),
    })
    .returning();
  const urls = opts.urls ?? ['https://shop.example/sale', 'https://shop.example/about?ref=mail'];
  const links = urls.length
    ? await db.insert(campaignLinks).values(urls.map((url) => ({ workspaceId, campaignId: campaign.id, url }))).returning({ id: campaignLinks.id, url: campaignLinks.url })
    : [];
  const specs: SendSpec[] = typeof opts.sends === 'number' || opts.sends === undefined ? Array.from({ length: opts.sends ?? 3 }, () => ({})) : opts.sends;
  const people = specs.length
    ? await db
        .insert(contacts)
        .values(specs.map(() => ({ workspaceId, email: `r-${randomUUID().slice(0, 13)}@example.test` })))
        .returning({ id: contacts.id, email: contacts.email })
    : [];
  const sends = people.length
    ? await db
        .insert(campaignSends)
        .values(
          specs.map((s, i) => {
            const status = s.status ?? 'sent';
            return {
              workspaceId,
              campaignId: campaign.id,
              contactId: people[i].id,
              email: people[i].email,
              status,
              variantKey: s.variantKey ?? null,
              heldForWinner: s.heldForWinner ?? false,
              sentAt: s.sentAt !== undefined ? s.sentAt : status === 'sent' ? new Date(Date.now() - 3_600_000) : null,
            };
          }),
        )
        .returning({ id: campaignSends.id, contactId: campaignSends.contactId })
    : [];
  return { id: campaign.id, workspaceId, links, sends };
}

/** Events of one campaign, oldest first. */
export function campaignEvents(db: Db, campaignId: string) {
  return db.select().from(events).where(eq(events.campaignId, campaignId)).orderBy(asc(events.id));
}

export function sendEvents(db: Db, sendId: number, type?: 'open' | 'click' | 'unsubscribe') {
  return db
    .select()
    .from(events)
    .where(type ? and(eq(events.sendId, sendId), eq(events.type, type)) : eq(events.sendId, sendId))
    .orderBy(asc(events.id));
}

const processDbKey = Symbol.for('pulse.db');
type GlobalWithDb = typeof globalThis & { [processDbKey]?: DbHandle };

/**
 * Makes `db` the process-wide database that getDb() (and so handleTracking) uses, as the custom
 * server does with its own; returns a function that restores the previous one.
 */
export function installProcessDb(db: Db): () => void {
  const g = globalThis as GlobalWithDb;
  const previous = g[processDbKey];
  g[processDbKey] = { db, target: { kind: 'pglite' }, close: async () => {} };
  return () => {
    if (previous) g[processDbKey] = previous;
    else delete g[processDbKey];
  };
}

/** The bare paths of scripts/server.ts (/t/ tracking, /s/ surveys) behind a real node:http listener on 127.0.0.1 (random port). */
export async function startTrackingServer(): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (handleBarePath(req, res)) return;
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Runs the roll-up until the cursor has passed `eventId`. On the shared test Postgres another
 * file's roll-up may hold the cursor for a moment; rollupEvents then returns 0 and we retry.
 */
export async function rollupThrough(db: Db, eventId: number, opts: { gapGraceSeconds?: number } = {}): Promise<void> {
  const deadline = Date.now() + CONDITION_TIMEOUT_MS;
  for (;;) {
    await rollupEvents(db, { batchSize: 500, ...opts });
    const [c] = await db.select({ position: cursors.position }).from(cursors).where(eq(cursors.name, ROLLUP_CURSOR));
    if (c && Number(c.position) >= eventId) return;
    if (Date.now() > deadline) throw new Error(`roll-up did not reach event ${eventId} (cursor at ${c?.position})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The highest event id so far. */
export async function lastEventId(db: Db): Promise<number> {
  const [row] = await db.select({ id: sql<string | number | null>`max(${events.id})` }).from(events);
  return Number(row.id ?? 0);
}
