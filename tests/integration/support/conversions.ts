import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { CLICK_ID_PARAM } from '@/lib/conversions/click-id';
import { createGoal } from '@/lib/conversions/goals';
import { conversionGoals, workspaces, type GoalKind } from '@/lib/db/schema';
import { signToken } from '@/lib/tracking/token';
import { ctxFor, type MadeUser } from './factories';

export const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
export const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

export const DESKTOP_UA = CHROME;
export const IPHONE_UA = IPHONE;

/**
 * A conversion goal, inserted as configuration (the goals UI and actions belong to another part of
 * the product; a goal is what a workspace configures, not state the product derives).
 */
export async function makeGoal(
  db: Db,
  workspaceId: string,
  { key, name, kind = 'macro', defaultValueCents = null, currency = 'EUR' }: { key: string; name?: string; kind?: GoalKind; defaultValueCents?: number | null; currency?: string },
) {
  const [goal] = await db
    .insert(conversionGoals)
    .values({ workspaceId, key, name: name ?? key, kind, defaultValueCents, currency })
    .returning();
  return goal;
}

/** A real campaign link click through the tracking server; returns the `pulse_cid` of its redirect. */
export async function clickIdThrough(base: string, sendId: number, linkId: number, userAgent = DESKTOP_UA): Promise<string> {
  const { clickId } = await clickThrough(base, sendId, linkId, userAgent);
  if (!clickId) throw new Error('the click redirect carries no click id');
  return clickId;
}


/** The standard goals, made through the setup page's verbs. */
export async function makeGoals(db: Db, owner: MadeUser) {
  const ctx = await ctxFor(db, owner.user.id, owner.workspace.id);
  const purchase = await createGoal({ ctx, input: { key: 'purchase', name: 'Purchase', kind: 'macro', defaultValue: null, currency: 'EUR' } });
  const signUp = await createGoal({ ctx, input: { key: 'sign-up', name: 'Sign-up', kind: 'macro', defaultValue: 5, currency: 'EUR' } });
  return { purchase, signUp };
}

export async function siteKeyOf(db: Db, workspaceId: string): Promise<string> {
  const [w] = await db.select({ siteKey: workspaces.siteKey }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w.siteKey;
}

/** A real click on a campaign's tracked link through /t/c/: the landing URL and its click id. */
export async function clickThrough(base: string, sendId: number, linkId: number, ua = CHROME): Promise<{ location: string; clickId: string }> {
  const res = await fetch(`${base}/t/c/${signToken('click', [sendId, linkId])}`, { redirect: 'manual', headers: { 'user-agent': ua } });
  if (res.status !== 302) throw new Error(`click answered ${res.status}`);
  const location = res.headers.get('location')!;
  return { location, clickId: new URL(location).searchParams.get(CLICK_ID_PARAM)! };
}

/** What the snippet sends: text/plain JSON to /c/collect. */
export function collect(base: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/c/collect`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME, origin: 'https://shop.example', ...headers },
  });
}

export function apiPost(base: string, key: string | null, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/v1/conversions`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
  });
}

/** A real open through the tracking pixel. */
export async function openThrough(base: string, sendId: number, userAgent = DESKTOP_UA): Promise<void> {
  const res = await fetch(`${base}/t/o/${signToken('open', [sendId])}`, { headers: { 'user-agent': userAgent } });
  if (res.status !== 200) throw new Error(`open ${sendId} answered ${res.status}`);
  await res.arrayBuffer();
}
