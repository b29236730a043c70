import { CONTACT_LIMITS, IMPORT_DATE_FIELDS, IMPORT_LIMITS, type ContactAttributes, type ImportDateField, type ImportNotice, type ImportReject } from '@/lib/db/schema';
import { importRowSchema, splitTagCell, tagSchema, type ImportMapping } from '@/lib/db/schema/contacts/validation';
import { messageKey } from '@/lib/i18n/message-key';
import { parseImportDate } from './import-dates';
import { parseImportMoney } from './import-money';
import { ImportFailure } from './import-source';

/** Where each mapped field sits in a record, and the file's own column names (what errors show). */
export interface ColumnPlan {
  width: number;
  names: string[];
  email: number;
  firstName?: number;
  lastName?: number;
  tags?: number;
  lifetimeValue?: number;
  dates: [field: ImportDateField, index: number][];
  attributes: [key: string, index: number][];
}

export interface StagedRow {
  line: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
  tags: string[];
  attributes: ContactAttributes;
  joinedAt: Date | null;
  lastOpenAt: Date | null;
  lastClickAt: Date | null;
  lastPurchaseAt: Date | null;
  /** Whole cents; null when the file has no (readable) amount for this row. */
  lifetimeValueCents: number | null;
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
    names,
    email: find(mapping.email),
    firstName: optional(mapping.firstName),
    lastName: optional(mapping.lastName),
    tags: optional(mapping.tags),
    lifetimeValue: optional(mapping.lifetimeValue),
    dates: IMPORT_DATE_FIELDS.flatMap((f) => (mapping[f] === undefined ? [] : [[f, find(mapping[f])] as [ImportDateField, number]])),
    attributes: Object.entries(mapping.attributes ?? {}).map(([key, h]) => [key, find(h)]),
  };
}

export const clip = (v: string | undefined) =>
  v === undefined || v === '' ? undefined : v.length > IMPORT_LIMITS.rejectValueChars ? `${v.slice(0, IMPORT_LIMITS.rejectValueChars)}…` : v;

/** A reject or notice about one cell, named by the file's column header. */
function about(line: number, reason: string, column: string, raw?: string): ImportReject {
  const value = clip(raw);
  return value === undefined ? { line, reason, field: column } : { line, reason, field: column, value };
}

/** Each tag on its own: a bad one is left out and reported, the contact and its other tags are kept. */
function checkTags(cellValue: string, line: number, column: string, notices: ImportNotice[]): string[] {
  const tags: string[] = [];
  for (const raw of splitTagCell(cellValue)) {
    const parsed = tagSchema.safeParse(raw);
    if (!parsed.success) notices.push(about(line, parsed.error.issues[0].message, column, raw));
    else if (!tags.includes(parsed.data)) tags.push(parsed.data);
  }
  if (tags.length > CONTACT_LIMITS.tagsPerContact) {
    const left = tags.splice(CONTACT_LIMITS.tagsPerContact);
    notices.push(about(line, messageKey('contactImport.notices.tooManyTags', { max: CONTACT_LIMITS.tagsPerContact }), column, left.join(', ')));
  }
  return tags;
}

/** One data record → a row to stage (with what was left out of it), or the reason it is refused (an i18n key). */
export function checkRow(
  fields: string[],
  plan: ColumnPlan,
  line: number,
  now = new Date(),
): { row: StagedRow; notices: ImportNotice[] } | { reject: ImportReject } {
  // More fields than headers almost always means an unquoted delimiter shifted the cells.
  if (fields.length > plan.width) return { reject: { line, reason: 'validation.fieldCount', value: String(fields.length) } };
  const cell = (i: number | undefined) => (i === undefined ? '' : (fields[i] ?? ''));
  const attributeCells = Object.fromEntries(plan.attributes.map(([key, i]) => [key, cell(i)]));
  const parsed = importRowSchema.safeParse({
    email: cell(plan.email),
    firstName: cell(plan.firstName),
    lastName: cell(plan.lastName),
    attributes: attributeCells,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [field, key] = issue.path.map(String);
    const index = field === 'attributes' ? plan.attributes.find(([k]) => k === key)?.[1] : plan[field as 'email' | 'firstName' | 'lastName'];
    const column = index === undefined ? field : plan.names[index];
    return { reject: about(line, issue.message, column, index === undefined ? undefined : cell(index)) };
  }
  const notices: ImportNotice[] = [];
  const tags = plan.tags === undefined ? [] : checkTags(cell(plan.tags), line, plan.names[plan.tags], notices);
  const dates: Record<ImportDateField, Date | null> = { joinedAt: null, lastOpenAt: null, lastClickAt: null, lastPurchaseAt: null };
  for (const [field, index] of plan.dates) {
    const raw = cell(index).trim();
    if (raw === '') continue;
    const result = parseImportDate(raw, now);
    if ('date' in result) dates[field] = result.date;
    else notices.push(about(line, `contactImport.notices.${result.reason}`, plan.names[index], raw));
  }
  let lifetimeValueCents: number | null = null;
  const money = cell(plan.lifetimeValue).trim();
  if (plan.lifetimeValue !== undefined && money !== '') {
    const result = parseImportMoney(money);
    if ('cents' in result) lifetimeValueCents = result.cents;
    else notices.push(about(line, `contactImport.notices.${result.reason}`, plan.names[plan.lifetimeValue], money));
  }
  const { email, firstName, lastName, attributes } = parsed.data;
  return {
    row: {
      line,
      email,
      firstName: firstName ?? null,
      lastName: lastName ?? null,
      tags,
      // An empty cell leaves the stored attribute alone rather than blanking it.
      attributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== '')),
      ...dates,
      lifetimeValueCents,
    },
    notices,
  };
}
