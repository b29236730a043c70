/**
 * Merge tags: `{{ first_name }}`, `{{ first_name | "there" }}` (fallback when empty),
 * `{{ join_date }}`, `{{ attributes.plan }}`, and in sequence steps `{{ days_away }}` and
 * `{{ sunset_date }}` (the removal date the last step announces). Unknown tags render their fallback or nothing —
 * a recipient never sees raw braces.
 */
export interface MergeContact {
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  joinedAt?: Date | null;
  attributes?: Record<string, unknown>;
  /** Sequence steps only: days since last activity at enrolment, and the announced removal date. */
  daysAway?: number | null;
  sunsetAt?: Date | null;
}

const TAG = /\{\{\s*([a-zA-Z_][\w.]*)\s*(?:\|\s*"([^"]*)"\s*)?\}\}/g;

export const MERGE_TAGS = ['first_name', 'last_name', 'full_name', 'email', 'join_date', 'days_away', 'sunset_date'] as const;

// Building an Intl.DateTimeFormat costs ~0.2 ms: once per locale, not once per recipient.
const longDates = new Map<string, Intl.DateTimeFormat>();
/** Dates on the workspace's calendar: a sunset announced for "12 March" must be 12 March where the reader is told it. */
function longDate(locale: string, timeZone?: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}`;
  let f = longDates.get(key);
  if (!f) longDates.set(key, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })));
  return f;
}

function valueOf(tag: string, c: MergeContact, locale: string, timeZone?: string): string | null {
  switch (tag) {
    case 'first_name':
      return c.firstName ?? null;
    case 'last_name':
      return c.lastName ?? null;
    case 'full_name':
      return [c.firstName, c.lastName].filter(Boolean).join(' ') || null;
    case 'email':
      return c.email;
    case 'join_date':
      return c.joinedAt ? longDate(locale, timeZone).format(c.joinedAt) : null;
    case 'days_away':
      return c.daysAway === undefined || c.daysAway === null ? null : String(c.daysAway);
    case 'sunset_date':
      return c.sunsetAt ? longDate(locale, timeZone).format(c.sunsetAt) : null;
    default: {
      if (!tag.startsWith('attributes.')) return null;
      const v = c.attributes?.[tag.slice('attributes.'.length)];
      return v === undefined || v === null ? null : String(v);
    }
  }
}

/**
 * Replaces the tags. For HTML pass `escape`: it is applied to the merged values and to the
 * template text around the tags (the tags themselves must be read before escaping).
 */
export function renderMergeTags(template: string, contact: MergeContact, opts: { locale: string; timeZone?: string; escape?: (s: string) => string }): string {
  const esc = opts.escape ?? ((s: string) => s);
  let out = '';
  let last = 0;
  for (const m of template.matchAll(TAG)) {
    out += esc(template.slice(last, m.index));
    const v = valueOf(m[1], contact, opts.locale, opts.timeZone);
    out += esc(v === null || v.trim() === '' ? (m[2] ?? '') : v);
    last = m.index + m[0].length;
  }
  return out + esc(template.slice(last));
}

/** Tags used in a template that Pulse does not know, for a warning in the editor. */
export function unknownMergeTags(template: string): string[] {
  const unknown = new Set<string>();
  for (const m of template.matchAll(TAG)) {
    const tag = m[1];
    if (!(MERGE_TAGS as readonly string[]).includes(tag) && !tag.startsWith('attributes.')) unknown.add(tag);
  }
  return [...unknown];
}
