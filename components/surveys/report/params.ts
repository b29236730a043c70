/** The report's URL state: trend period, audience, comment filter and page, answers cursor. */
export interface ReportParams {
  period?: string;
  audience?: string;
  group?: string;
  q?: string;
  page?: string;
  before?: string;
}

export const REPORT_PARAM_KEYS = ['period', 'audience', 'group', 'q', 'page', 'before'] as const;

/** The report URL with `changes` applied to the current state (undefined or '' drops a key). */
export function reportHref(basePath: string, current: ReportParams, changes: ReportParams = {}, hash = ''): string {
  const merged: ReportParams = { ...current, ...changes };
  const qs = new URLSearchParams();
  for (const k of REPORT_PARAM_KEYS) {
    const v = merged[k];
    if (v) qs.set(k, v);
  }
  const s = qs.toString();
  return `${basePath}${s ? `?${s}` : ''}${hash}`;
}

/** Hidden inputs that carry the rest of the state through a GET form. */
export function keptParams(current: ReportParams, except: readonly (keyof ReportParams)[]): [string, string][] {
  return REPORT_PARAM_KEYS.filter((k) => !except.includes(k) && current[k]).map((k) => [k, current[k]!]);
}
