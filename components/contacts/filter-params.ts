import { contactFilterSchema, type ContactFilter } from '@/lib/db/schema/contacts/validation';

/** The URL parameters of a filtered contacts view; the page, its links and the CSV export share them. */
export const FILTER_KEYS = ['q', 'status', 'listId', 'tag', 'segmentId', 'nps', 'csat'] as const;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function pick(params: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value !== null && value.trim() !== '') out[key] = value;
  }
  return out;
}

/** Strict: any invalid parameter fails (the export route answers 400). */
export function parseFilter(params: Params) {
  return contactFilterSchema.safeParse(pick(params));
}

/** Lenient, for the page: invalid parameters are dropped and named, so the view still renders. */
export function filterFromParams(params: Params): { filter: ContactFilter; invalid: string[] } {
  const raw = pick(params);
  const first = contactFilterSchema.safeParse(raw);
  if (first.success) return { filter: first.data, invalid: [] };
  const invalid = [...new Set(first.error.issues.map((i) => String(i.path[0])))];
  for (const key of invalid) delete raw[key];
  const second = contactFilterSchema.safeParse(raw);
  return { filter: second.success ? second.data : {}, invalid };
}

export function filterQuery(filter: ContactFilter, extra: Record<string, string | undefined> = {}): string {
  const qs = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) qs.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) qs.set(key, value);
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export const isFiltered = (filter: ContactFilter) => FILTER_KEYS.some((k) => Boolean(filter[k]));
