import { CLICK_KINDS, type ClickKind } from '@/lib/db/schema/conversions/constants';
import { signToken, verifyToken } from '@/lib/tracking/token';

/**
 * The click id every tracked redirect appends to its target (campaign link, SmartLink button,
 * survey follow-up): a signed pair [kind, row id] naming the `events` row (kind 1) or the
 * `smartlink_hits` row (kind 2) of that click. The snippet keeps the latest one (last click) and
 * sends it with a conversion; lib/conversions resolves it to the campaign, link, button or survey
 * and checks the workspace and the attribution window. Forged or altered ids verify as null.
 */
export const CLICK_ID_PARAM = 'pulse_cid';

/** <22 chars payload>.<16 chars MAC> */
export const CLICK_ID_SHAPE = /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}$/;

export interface ClickRef {
  kind: ClickKind;
  id: number;
}

export function signClickId(ref: ClickRef): string {
  return signToken('clickid', [ref.kind, ref.id]);
}

export function verifyClickId(token: unknown): ClickRef | null {
  if (typeof token !== 'string' || !CLICK_ID_SHAPE.test(token)) return null;
  const values = verifyToken('clickid', token, 2);
  if (!values) return null;
  const [kind, id] = values;
  if (kind !== CLICK_KINDS.event && kind !== CLICK_KINDS.smartlink) return null;
  return { kind, id };
}

/**
 * The redirect target with `pulse_cid=<click id>` added to its query (an existing pulse_cid is
 * replaced; the fragment stays last). `target` must already be a normalised http(s) URL.
 */
export function withClickId(target: string, ref: ClickRef): string {
  const url = new URL(target);
  url.searchParams.set(CLICK_ID_PARAM, signClickId(ref));
  return url.href;
}
