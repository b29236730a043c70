import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { deliverCampaign, type DeliverResult } from '@/lib/campaigns/deliver';
import { TransportCache } from '@/lib/campaigns/transport';
import { openDb, type Db, type DbHandle } from '@/lib/db/client';
import { migrateDb } from '@/lib/db/migrate';
import { campaigns, campaignSends, contacts, sendingSettings, type Campaign, type ContentBlock, type NewContact, type SendStatus } from '@/lib/db/schema';
import { Throttle } from '@/lib/jobs/pacing';
import { openTestDb } from './db';
import { localTestDatabaseUrl, testDriver } from './driver';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { ReceivedMail } from './smtp';

export const BLOCKS: ContentBlock[] = [
  { type: 'heading', text: 'Hello {{ first_name | "friend" }}' },
  { type: 'text', text: 'Our spring beans are in.' },
  { type: 'button', text: 'Shop now', url: 'https://shop.example/sale' },
  { type: 'image', src: 'https://cdn.example/beans.png', alt: 'Beans', href: 'https://shop.example/beans' },
  { type: 'button', text: 'Again', url: 'https://shop.example/sale' },
];

/** `n` contacts in one INSERT; `fields(i)` sets per-contact columns. */
export async function makeContacts(db: Db, workspaceId: string, n: number, fields: (i: number) => Partial<NewContact> = () => ({})) {
  const tag = randomUUID().slice(0, 8);
  const rows = Array.from({ length: n }, (_, i) => ({ workspaceId, email: `p${i}-${tag}@example.test`, firstName: `P${i}`, ...fields(i) }));
  const out = [];
  for (let i = 0; i < rows.length; i += 1000) out.push(...(await db.insert(contacts).values(rows.slice(i, i + 1000)).returning()));
  return out;
}

/** A campaign ready to start (draft, complete content, audience everyone). */
export async function makeDraft(db: Db, workspaceId: string, overrides: Partial<typeof campaigns.$inferInsert> = {}): Promise<Campaign> {
  const [row] = await db
    .insert(campaigns)
    .values({ workspaceId, name: `Send ${randomUUID().slice(0, 6)}`, subject: 'Hi {{ first_name }}', previewText: 'Fresh beans', blocks: BLOCKS, ...overrides })
    .returning();
  return row;
}

/** Points the workspace's SMTP settings at a local listener (or, with null, removes them → outbox). */
export async function useSmtp(db: Db, workspaceId: string, port: number | null, fromEmail = 'news@roasters.example') {
  await db.delete(sendingSettings).where(eq(sendingSettings.workspaceId, workspaceId));
  if (port === null) return;
  await db.insert(sendingSettings).values({ workspaceId, fromName: 'Roasters', fromEmail, smtpHost: '127.0.0.1', smtpPort: port, smtpSecure: false });
}

/** Runs deliver passes for one campaign until it is `sent` (or `timeoutMs` passes). */
export async function deliverAll(
  db: Db,
  campaignId: string,
  opts: { workerId?: string; rate?: number; concurrency?: number; batchSize?: number; timeoutMs?: number } = {},
): Promise<DeliverResult> {
  const total: DeliverResult = { sent: 0, failed: 0, unknown: 0, cancelled: 0, requeued: 0, released: 0, unreachable: false, finished: false };
  const concurrency = opts.concurrency ?? 4;
  const transports = new TransportCache(concurrency);
  const throttle = new Throttle(opts.rate ?? 0);
  const deadline = Date.now() + (opts.timeoutMs ?? CONDITION_TIMEOUT_MS);
  try {
    while (!total.finished && Date.now() < deadline) {
      const r = await deliverCampaign(db, {
        campaignId,
        workerId: opts.workerId ?? 'test-worker',
        transports,
        throttle,
        concurrency,
        batchSize: opts.batchSize ?? 25,
      });
      for (const k of ['sent', 'failed', 'unknown', 'cancelled', 'requeued', 'released'] as const) total[k] += r[k];
      total.finished = r.finished;
      total.unreachable ||= r.unreachable;
      if (r.unreachable) break;
      // Nothing left to claim but not finished: held rows wait for the A/B winner.
      if (!r.finished && r.sent + r.failed + r.unknown + r.cancelled + r.released === 0) break;
    }
  } finally {
    transports.close();
  }
  return total;
}

export async function statusCounts(db: Db, campaignId: string): Promise<Partial<Record<SendStatus, number>>> {
  const rows = await db
    .select({ status: campaignSends.status, n: sql<number>`count(*)::int` })
    .from(campaignSends)
    .where(eq(campaignSends.campaignId, campaignId))
    .groupBy(campaignSends.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** How many mails each address received at the listener. */
export function perRecipient(received: ReceivedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of received) for (const to of m.envelope.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

/**
 * How long a test waits for a condition before it fails. Generous on purpose: tests poll the
 * state they wait for, so a fast machine never waits this long and a busy one (2 cores shared
 * with builds) still passes. Vitest's own test timeout (vitest.integration.config.ts) is above it.
 */
export const CONDITION_TIMEOUT_MS = Number(process.env.PULSE_TEST_WAIT_MS ?? 120_000);

/** Polls `check` until it holds; fails after CONDITION_TIMEOUT_MS with `what` in the message. */
export async function waitFor(check: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = CONDITION_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A database of this file's own: PGlite in memory, or on Postgres a fresh database created for
 * the file and dropped after it. Workers scan every `sending` campaign, so tests that run whole
 * workers must not share a database with other files.
 */
export function setupIsolatedDb(): { db: () => Db; url: () => string; open: (max?: number) => DbHandle } {
  let handle: DbHandle | undefined;
  let url: string | undefined;
  let name: string | undefined;
  const extra: DbHandle[] = [];
  beforeAll(async () => {
    if (testDriver() !== 'postgres') {
      handle = await openTestDb();
      return;
    }
    const base = new URL(localTestDatabaseUrl());
    name = `${base.pathname.slice(1)}_w${randomUUID().slice(0, 8)}`;
    const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}"`);
    } finally {
      await admin.end();
    }
    base.pathname = `/${name}`;
    url = base.toString();
    handle = openDb({ kind: 'postgres', url, max: 6 });
    await migrateDb(handle);
  });
  afterAll(async () => {
    for (const h of extra) await h.close();
    await handle?.close();
    if (name) {
      const admin = postgres(localTestDatabaseUrl(), { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end();
      }
    }
  });
  return {
    db: () => {
      if (!handle) throw new Error('setupIsolatedDb(): only inside hooks and tests');
      return handle.db;
    },
    url: () => {
      if (!url) throw new Error('setupIsolatedDb(): no URL on PGlite');
      return url;
    },
    /** Another pool on the same Postgres database (a second "machine"); closed after the file. */
    open: (max = 4) => {
      const h = openDb({ kind: 'postgres', url: url!, max });
      extra.push(h);
      return h;
    },
  };
}

/**
 * An SMTP listener that records each mail as soon as its data is in, then waits `delayMs` before
 * answering 250: mails stay "in flight" for the sender long enough for a crash to catch some.
 */
export async function startSlowSink(delayMs: number) {
  const received: ReceivedMail[] = [];
  let parsing = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      parsing++;
      simpleParser(stream)
        .then((parsed) => {
          received.push({ envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : false, to: session.envelope.rcptTo.map((r) => r.address) }, auth: null, parsed });
          setTimeout(() => callback(), delayMs);
        })
        .catch((e: Error) => callback(e))
        .finally(() => parsing--);
    },
  });
  server.on('error', () => {}); // connections cut by a killed client
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    /** Mails whose data is still being read or parsed (a connection cut by a kill ends its parse). */
    get parsing() {
      return parsing;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
