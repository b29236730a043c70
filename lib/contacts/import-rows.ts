import { IMPORT_LIMITS, type ContactAttributes, type ImportReject } from '@/lib/db/schema';
import { importRowSchema, type ImportMapping } from '@/lib/db/schema/contacts/validation';
import { ImportFailure } from './import-source';

/** Where each mapped field sits in a record. */
export interface ColumnPlan {
  width: number;
  email: number;
  firstName?: number;
  lastName?: number;
  tags?: number;
  attributes: [key: string, index: number][];
}

export interface StagedRow {
  line: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
  tags: string[];
  attributes: ContactAttributes;
}

/** Matches mapped headers exactly (trimmed), else case-insensitively; a header found twice is ambiguous. */
export function planColumns(header: string[], mapping: ImportMapping): ColumnPlan {
  if (header.length > IMPORT_LIMITS.maxColumns) {
    throw new ImportFailure({ key: 'tooManyColumns', line: 1, detail: String(header.length) });
  }
  const names = header.map((h) => h.trim());
  const find = (wanted: string): number => {
    const target = wanted.trim();
    let hits = names.flatMap((n, i) => (n === target ? [i] : []));
    if (hits.length === 0) hits = names.flatMap((n, i) => (n.toLowerCase() === target.toLowerCase() ? [i] : []));
    if (hits.length === 0) throw new ImportFailure({ key: 'missingColumn', line: 1, detail: target });
    if (hits.length > 1) throw new ImportFailure({ key: 'ambiguousColumn', line: 1, detail: target });
    return hits[0];
  };
  const optional = (wanted?: string) => (wanted === undefined ? undefined : find(wanted));
  return {
    width: header.length,
    email: find(mapping.email),
    firstName: optional(mapping.firstName),
    lastName: optional(mapping.lastName),
    tags: optional(mapping.tags),
    attributes: Object.entries(mapping.attributes ?? {}).map(([key, h]) => [key, find(h)]),
  };
}

const clip = (v: string | undefined) =>
  v === undefined || v === '' ? undefined : v.length > IMPORT_LIMITS.rejectValueChars ? `${v.slice(0, IMPORT_LIMITS.rejectValueChars)}…` : v;

/** One data record → a row to stage, or the reason it is refused (an i18n key). */
export function checkRow(fields: string[], plan: ColumnPlan, line: number): { row: StagedRow } | { reject: ImportReject } {
  // More fields than headers almost always means an unquoted delimiter shifted the cells.
  if (fields.length > plan.width) return { reject: { line, reason: 'validation.fieldCount', value: String(fields.length) } };
  const cell = (i: number | undefined) => (i === undefined ? '' : (fields[i] ?? ''));
  const attributeCells = Object.fromEntries(plan.attributes.map(([key, i]) => [key, cell(i)]));
  const parsed = importRowSchema.safeParse({
    email: cell(plan.email),
    firstName: cell(plan.firstName),
    lastName: cell(plan.lastName),
    tags: cell(plan.tags),
    attributes: attributeCells,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [field, key] = issue.path.map(String);
    const raw = field === 'attributes' ? attributeCells[key] : cell(plan[field as 'email' | 'firstName' | 'lastName' | 'tags']);
    const reject: ImportReject = { line, reason: issue.message, field: key ? `${field}.${key}` : field };
    const value = clip(raw);
    return { reject: value === undefined ? reject : { ...reject, value } };
  }
  const { email, firstName, lastName, tags, attributes } = parsed.data;
  return {
    row: {
      line,
      email,
      firstName: firstName ?? null,
      lastName: lastName ?? null,
      tags,
      // An empty cell leaves the stored attribute alone rather than blanking it.
      attributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== '')),
    },
  };
}
