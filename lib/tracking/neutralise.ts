import { verifyToken } from './token';

/**
 * A viewable copy of a sent mail: looking at it must never count as opening or clicking it.
 * The open pixel goes, tracked links point straight at their stored target, unsubscribe links go
 * nowhere. Any host is matched, so mail sent under an earlier base URL is neutralised too.
 */
const TRACKED_URL = /https?:\/\/[^\s"'<>]+?\/t\/([ocu])\/([A-Za-z0-9_-]{11,22}\.[A-Za-z0-9_-]{16})/g;
const PIXEL_TAG = /<img\b[^>]*?\/t\/o\/[^>]*>/gi;

/** The link ids of every valid click token in `bodies` (to look their targets up in-tenant). */
export function trackedLinkIds(...bodies: string[]): number[] {
  const ids = new Set<number>();
  for (const body of bodies) {
    for (const m of body.matchAll(TRACKED_URL)) {
      if (m[1] !== 'c') continue;
      const values = verifyToken('click', m[2], 2);
      if (values) ids.add(values[1]);
    }
  }
  return [...ids];
}

/**
 * `body` with tracking removed. `links` maps link id → stored URL (only this workspace's links);
 * `escape` encodes a URL for the body (HTML-escape for HTML, identity for text).
 */
export function neutraliseTracking(body: string, links: ReadonlyMap<number, string>, escape: (url: string) => string = (u) => u): string {
  return body.replace(PIXEL_TAG, '').replace(TRACKED_URL, (_, kind: string, token: string) => {
    if (kind !== 'c') return '#';
    const linkId = verifyToken('click', token, 2)?.[1];
    const target = linkId === undefined ? undefined : links.get(linkId);
    return target ? escape(target) : '#';
  });
}
