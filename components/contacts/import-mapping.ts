import { tooMany } from '@/lib/i18n/message-key';
import { CONTACT_LIMITS } from '@/lib/db/schema/contacts/constants';
import { attributeKeySchema } from '@/lib/db/schema/contacts/fields';
import type { ImportMapping } from '@/lib/db/schema/contacts/validation';

export const SINGLE_TARGETS = ['email', 'firstName', 'lastName', 'tags', 'joinedAt', 'lastOpenAt', 'lastClickAt', 'lastPurchaseAt', 'lifetimeValue'] as const;
export type ColumnTarget = (typeof SINGLE_TARGETS)[number] | 'attribute' | 'skip';
export const COLUMN_TARGETS: ColumnTarget[] = [...SINGLE_TARGETS, 'attribute', 'skip'];

export interface ColumnChoice {
  index: number;
  header: string;
  target: ColumnTarget;
  attributeKey: string;
  /** Why a column cannot be mapped: the server matches columns by their (unique, non-empty) name. */
  problem?: 'noName' | 'duplicate' | 'tooLong';
}

const GUESSES: [ColumnTarget, RegExp][] = [
  ['email', /^(e-?mail|e-?mail ?(address|adres)|email_address)$/i],
  ['firstName', /^(first[ _]?name|given[ _]?name|voornaam|first)$/i],
  ['lastName', /^(last[ _]?name|surname|family[ _]?name|achternaam|last)$/i],
  ['tags', /^(tags?|labels?)$/i],
  // Pulse's own export, Mailchimp (OPTIN_TIME, CONFIRM_TIME; exported in UTC) and Klaviyo profile exports.
  ['joinedAt', /^(joined(_at| on)?|optin_time|confirm_time|profile created on|created on|date added|sign ?up date|subscribed on|aangemeld op)$/i],
  ['lastOpenAt', /^(last_open_at|last open(ed)?|last email open|last opened email|laatst geopend)$/i],
  ['lastClickAt', /^(last_click_at|last click(ed)?|last email click|last clicked email|laatst geklikt)$/i],
  ['lastPurchaseAt', /^(last_purchase_at|last purchase( date)?|last order( date)?|last placed order|laatste aankoop)$/i],
  // Klaviyo exports historic and predicted CLV side by side: only the historic one is money actually spent.
  ['lifetimeValue', /^(lifetime[ _]value(_cents)?|customer lifetime value|historic customer lifetime value|total[ _]spent|total spend|amount spent|clv|ltv|levenslange waarde|klantwaarde|totaal besteed)$/i],
];
/**
 * Columns an import does not take over: status is never imported, and bookkeeping dates are not
 * engagement (Mailchimp LAST_CHANGED moves on any profile edit; Klaviyo "Last Active" includes site visits;
 * Klaviyo "Predicted Customer Lifetime Value" is a forecast, not money spent).
 */
const SYSTEM = /^(status|created_at|last_changed|last active|member_rating|optin_ip|confirm_ip|leid|euid|predicted customer lifetime value)$/i;

/** "Plaats van herkomst" → "Plaats_van_herkomst"; "attributes.city" (our export) → "city". */
export function attributeKeyFor(header: string, index: number): string {
  const base = header
    .trim()
    .replace(/^attributes\./i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^[^A-Za-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, CONTACT_LIMITS.attributeKeyLength);
  return base || `column_${index + 1}`;
}

export function guessColumns(header: string[]): ColumnChoice[] {
  const names = header.map((h) => h.trim());
  const taken = new Set<ColumnTarget>();
  const keys = new Set<string>();
  return names.map((name, index) => {
    const problem = name === '' ? 'noName' : name.length > 200 ? 'tooLong' : names.indexOf(name) !== index || names.lastIndexOf(name) !== index ? 'duplicate' : undefined;
    let key = attributeKeyFor(name, index);
    for (let n = 2; keys.has(key.toLowerCase()); n++) key = `${attributeKeyFor(name, index).slice(0, 36)}_${n}`;
    keys.add(key.toLowerCase());
    const guess = GUESSES.find(([target, re]) => !taken.has(target) && re.test(name))?.[0];
    // A second join-date column (Mailchimp's CONFIRM_TIME after OPTIN_TIME) is not an attribute either.
    const laterDate = !guess && GUESSES.some(([target, re]) => (target.endsWith('At') || target === 'lifetimeValue') && re.test(name));
    const target: ColumnTarget = problem ? 'skip' : guess ?? (laterDate || SYSTEM.test(name) ? 'skip' : 'attribute');
    if (guess && !problem) taken.add(guess);
    return { index, header: name, target, attributeKey: key, problem };
  });
}

/** Picking email, first name, last name or tags for one column takes it away from any other. */
export function chooseTarget(columns: ColumnChoice[], index: number, target: ColumnTarget): ColumnChoice[] {
  const single = (SINGLE_TARGETS as readonly string[]).includes(target);
  return columns.map((c) =>
    c.index === index ? { ...c, target } : single && c.target === target ? { ...c, target: 'skip' } : c,
  );
}

export type MappingErrors = { email?: string; attributes?: string; keys: Record<number, string> };

/** The mapping the server expects, or i18n keys of what to fix first. */
export function buildMapping(columns: ColumnChoice[]): { mapping: ImportMapping } | { errors: MappingErrors } {
  const errors: MappingErrors = { keys: {} };
  const of = (target: ColumnTarget) => columns.find((c) => c.target === target)?.header;
  const email = of('email');
  if (!email) errors.email = 'contacts.import.needEmail';
  const attributes: Record<string, string> = {};
  const seen = new Set<string>();
  for (const c of columns.filter((col) => col.target === 'attribute')) {
    const key = attributeKeySchema.safeParse(c.attributeKey);
    if (!key.success) errors.keys[c.index] = key.error.issues[0].message;
    else if (seen.has(key.data.toLowerCase())) errors.keys[c.index] = 'contacts.import.duplicateKey';
    else {
      seen.add(key.data.toLowerCase());
      attributes[key.data] = c.header;
    }
  }
  if (seen.size > CONTACT_LIMITS.attributesPerContact) errors.attributes = tooMany(CONTACT_LIMITS.attributesPerContact);
  if (!email || errors.attributes || Object.keys(errors.keys).length > 0) return { errors };
  const mapping: ImportMapping = { email };
  for (const target of ['firstName', 'lastName', 'tags', 'joinedAt', 'lastOpenAt', 'lastClickAt', 'lastPurchaseAt', 'lifetimeValue'] as const) {
    const header = of(target);
    if (header) mapping[target] = header;
  }
  if (seen.size > 0) mapping.attributes = attributes;
  return { mapping };
}

/** The import stores the file name as plain text; a name with markup is made safe rather than refused. */
export const safeFileName = (name: string) => name.replace(/[<>]/g, '_').slice(0, 255) || 'contacts.csv';
