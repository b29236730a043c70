import type { ColumnSort, SortDirection } from './table';

export type TableSort<K extends string> = { key: K; direction: SortDirection };

type Params = Record<string, string | string[] | undefined>;

/** Reads `?sort=<key>&dir=asc|desc`, falling back to `fallback` for anything not in `keys`. */
export function parseSort<K extends string>(params: Params, keys: readonly K[], fallback: TableSort<K>): TableSort<K> {
  const key = keys.find((k) => k === params.sort);
  if (!key) return fallback;
  return { key, direction: params.dir === 'desc' ? 'desc' : params.dir === 'asc' ? 'asc' : fallback.direction };
}

/**
 * The header state for column `key`: a link that keeps the page's other parameters, sorts by `key`
 * and flips the direction when it is already the active column.
 */
export function sortLink<K extends string>(
  pathname: string,
  params: Params,
  current: TableSort<K>,
  key: K,
  firstDirection: SortDirection = 'asc',
): ColumnSort {
  const active = current.key === key;
  const next = active ? (current.direction === 'asc' ? 'desc' : 'asc') : firstDirection;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (name === 'sort' || name === 'dir' || name === 'page' || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(name, v);
  }
  query.set('sort', key);
  query.set('dir', next);
  return { active, direction: active ? current.direction : firstDirection, href: `${pathname}?${query.toString()}` };
}
