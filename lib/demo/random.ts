/**
 * The demo's only source of chance: a fixed seed, so every fresh demo tells the same story.
 * `mulberry32` for sequences; `chance(...keys)` for decisions that must not depend on the order
 * in which they are asked (a contact's behaviour in a campaign is the same however the loop runs).
 */
export const DEMO_SEED = 20_260_101;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A uniform number in [0, 1) fixed by the seed and the keys (FNV-1a over the keys, then one mulberry32 step). */
export function chance(...keys: (string | number)[]): number {
  let h = 0x811c9dc5 ^ DEMO_SEED;
  for (const ch of keys.join('\u0001')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mulberry32(h)();
}

export const pick = <T>(items: readonly T[], u: number): T => items[Math.min(items.length - 1, Math.floor(u * items.length))];
