import { tooLong, tooMany } from '@/lib/i18n/message-key';
import { z } from 'zod';
import { CONTACT_LIMITS } from './constants';

/** Field rules shared by the contact forms, the CSV import and the segment rules. */
const MARKUP = /[<>]/;
const TAG_SEPARATORS = /[,;|]/;

/** Tags are lower-case so "VIP" and "vip" are one tag and tag filters match predictably. */
export const tagSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(CONTACT_LIMITS.tagLength, tooLong(CONTACT_LIMITS.tagLength))
  .refine((v) => !MARKUP.test(v) && !TAG_SEPARATORS.test(v), 'validation.tag');

export const tagsSchema = z
  .array(tagSchema)
  .max(CONTACT_LIMITS.tagsPerContact, tooMany(CONTACT_LIMITS.tagsPerContact))
  .transform((tags) => [...new Set(tags)]);

/** "vip, newsletter" (`,` `;` or `|` between tags); Mailchimp's quoted `"vip","newsletter"` too. */
export const splitTagCell = (cell: string): string[] =>
  cell
    .split(TAG_SEPARATORS)
    .map((t) => t.trim().replace(/^"(.*)"$/, '$1').trim())
    .filter(Boolean);

export const tagsCellSchema = z.string().transform(splitTagCell).pipe(tagsSchema);

const NON_ASCII = /[^\x00-\x7f]/;
// zod's email pattern, with punycode top-level domains (xn--p1ai, ".рф") allowed.
const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+(?:[A-Za-z]{2,}|xn--[A-Za-z0-9-]+)$/;

/** "müller.de" → "xn--mller-kva.de" (what DNS and SMTP use), or null when it is no host name. */
function asciiDomain(domain: string): string | null {
  try {
    const host = new URL(`http://${domain}`).hostname;
    return host === '' || host.includes('%') || host.startsWith('[') ? null : host;
  } catch {
    return null;
  }
}

/**
 * A contact's address. International domains are accepted and stored in their ASCII (punycode) form,
 * so "müller.de" and "xn--mller-kva.de" are one contact; a non-ASCII part before the @ is refused
 * with its own reason, because most mail servers cannot deliver to it (no SMTPUTF8).
 */
export const contactEmailSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(254, tooLong(254))
  .transform((value, ctx) => {
    const at = value.lastIndexOf('@');
    if (at < 1 || !NON_ASCII.test(value)) return value;
    if (NON_ASCII.test(value.slice(0, at))) {
      ctx.addIssue({ code: 'custom', message: 'validation.emailUnicodeLocal' });
      return z.NEVER;
    }
    const domain = asciiDomain(value.slice(at + 1));
    if (!domain) {
      ctx.addIssue({ code: 'custom', message: 'validation.emailDomain' });
      return z.NEVER;
    }
    return `${value.slice(0, at)}@${domain}`;
  })
  .pipe(z.email({ pattern: EMAIL_PATTERN, error: 'validation.email' }))
  .transform((v) => v.toLowerCase());

export const attributeKeySchema = z
  .string({ error: 'validation.required' })
  .trim()
  .regex(new RegExp(`^[A-Za-z][A-Za-z0-9_-]{0,${CONTACT_LIMITS.attributeKeyLength - 1}}$`), 'validation.attributeKey');

export const attributeValueSchema = z
  .string({ error: 'validation.invalid' })
  .trim()
  .max(CONTACT_LIMITS.attributeValueLength, tooLong(CONTACT_LIMITS.attributeValueLength))
  .refine((v) => !MARKUP.test(v), 'validation.noMarkup');

export const attributesSchema = z
  .record(attributeKeySchema, attributeValueSchema)
  .refine((a) => Object.keys(a).length <= CONTACT_LIMITS.attributesPerContact, tooMany(CONTACT_LIMITS.attributesPerContact));
