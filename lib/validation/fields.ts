import { tooLong } from '@/lib/i18n/message-key';
import { z } from 'zod';

/** Shared field rules; messages are i18n keys under `validation.` translated by the client. */
const MARKUP = /[<>]/;

/**
 * C0/C1 control characters (NUL, tab, newline, escape…) and the Unicode line separators never
 * belong in a one-line field: NUL breaks Postgres text, the rest forge lines in logs and mail.
 */
export function hasControlChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
const noControl = [(v: string) => !hasControlChars(v), 'validation.controlChars'] as const;

/** A search box: may be empty, one line, no control characters. */
export const searchText = (max: number) =>
  z
    .string({ error: 'validation.invalid' })
    .trim()
    .max(max, tooLong(max))
    .refine(...noControl);

export const plainText = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(max, tooLong(max))
    .refine((v) => !MARKUP.test(v), 'validation.noMarkup')
    .refine(...noControl);

export const optionalPlainText = (max: number) =>
  z
    .string({ error: 'validation.invalid' })
    .trim()
    .max(max, tooLong(max))
    .refine((v) => !MARKUP.test(v), 'validation.noMarkup')
    .refine(...noControl)
    .transform((v) => (v === '' ? null : v))
    .nullish();

/** How every email is stored and compared (users.email, invitations.email). */
export const normalizeEmail = (value: string): string => value.trim().toLowerCase();

export const email = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(254, tooLong(254))
  .pipe(z.email('validation.email'))
  .transform((v) => v.toLowerCase());

export const optionalEmail = z
  .string({ error: 'validation.invalid' })
  .trim()
  .max(254, tooLong(254))
  .transform((v) => (v === '' ? null : v.toLowerCase()))
  .pipe(z.email('validation.email').nullable())
  .nullish();

export const password = z
  .string({ error: 'validation.required' })
  .min(10, 'validation.passwordTooShort')
  .max(200, tooLong(200))
  .refine(...noControl);

/** http(s) URLs only: javascript: and data: URLs never reach a page. */
export const optionalHttpUrl = z
  .string({ error: 'validation.invalid' })
  .trim()
  .max(2000, tooLong(2000))
  .transform((v) => (v === '' ? null : v))
  .pipe(z.url({ protocol: /^https?$/, error: 'validation.url' }).nullable())
  .nullish();

export const uuid = z.uuid('validation.invalid');

const numberMessage = (issue: { input?: unknown }) => (issue.input === undefined ? 'validation.required' : 'validation.number');

/**
 * A number typed into a form: accepts "5.5" and the Dutch "5,5"; empty is "required", letters
 * are "not a number" (never silently 0). `refine` adds the range rules to the parsed number.
 */
export function decimalInput<T extends z.ZodType<number>>(refine: (n: z.ZodNumber) => T) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const s = value.trim().replace(',', '.');
    if (s === '') return undefined;
    return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
  }, refine(z.number({ error: numberMessage })));
}
