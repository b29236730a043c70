/** FormData → plain object; dotted names (`benchmarks.ctr.low`) become nested objects. */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of fd.entries()) {
    if (typeof value !== 'string') continue;
    const path = name.split('.');
    let node = out;
    for (const key of path.slice(0, -1)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') return out;
      node = (node[key] ??= {}) as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return out;
}

type Formatted = { _errors?: string[]; [key: string]: unknown };

/** next-safe-action's formatted validation errors → `{ 'a.b': 'validation.required' }`. */
export function flattenValidationErrors(errors: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!errors || typeof errors !== 'object') return out;
  const node = errors as Formatted;
  if (node._errors?.length) out[prefix || '_form'] = node._errors[0];
  for (const [key, child] of Object.entries(node)) {
    if (key === '_errors') continue;
    Object.assign(out, flattenValidationErrors(child, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}
