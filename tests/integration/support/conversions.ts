import { CLICK_ID_PARAM } from '@/lib/conversions/click-id';
import type { Db } from '@/lib/db/client';
import { conversionGoals, type GoalKind } from '@/lib/db/schema';
import { signToken } from '@/lib/tracking/token';

export const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
export const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

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
export async function clickThrough(base: string, sendId: number, linkId: number, userAgent = DESKTOP_UA): Promise<string> {
  const res = await fetch(`${base}/t/c/${signToken('click', [sendId, linkId])}`, { redirect: 'manual', headers: { 'user-agent': userAgent } });
  if (res.status !== 302) throw new Error(`click ${sendId}/${linkId} answered ${res.status}`);
  const clickId = new URL(res.headers.get('location')!).searchParams.get(CLICK_ID_PARAM);
  if (!clickId) throw new Error('the click redirect carries no click id');
  return clickId;
}

/** A real open through the tracking pixel. */
export async function openThrough(base: string, sendId: number, userAgent = DESKTOP_UA): Promise<void> {
  const res = await fetch(`${base}/t/o/${signToken('open', [sendId])}`, { headers: { 'user-agent': userAgent } });
  if (res.status !== 200) throw new Error(`open ${sendId} answered ${res.status}`);
  await res.arrayBuffer();
}
