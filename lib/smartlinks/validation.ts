import { z } from 'zod';
import { SMARTLINK_ITEM_KINDS, SMARTLINK_SLUG, SMARTLINK_THEMES } from '@/lib/db/schema/smartlinks/constants';
import { tooLong, tooMany } from '@/lib/i18n/message-key';
import { optionalPlainText, plainText, uuid } from '@/lib/validation/fields';

/** The builder's input. Messages are i18n keys (validation.* or smartlinks.validation.*). */
export const SMARTLINK_LIMITS = { items: 30, title: 80, bio: 300, label: 80, url: 2000 } as const;

/** Redirect targets: http(s) only, normalised by the URL parser (no javascript:, data:, or header tricks). */
export const smartlinkTargetUrl = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(SMARTLINK_LIMITS.url, tooLong(SMARTLINK_LIMITS.url))
  .pipe(z.url({ protocol: /^https?$/, error: 'validation.url' }))
  .transform((v) => new URL(v).href);

/** Images are loaded by every visitor's browser: https only (no mixed content). */
const httpsImage = z
  .string({ error: 'validation.invalid' })
  .trim()
  .max(SMARTLINK_LIMITS.url, tooLong(SMARTLINK_LIMITS.url))
  .transform((v) => (v === '' ? null : v))
  .pipe(z.url({ protocol: /^https$/, error: 'validation.httpsUrl' }).nullable())
  .nullish()
  .transform((v) => (v ? new URL(v).href : null));

export const smartlinkSlug = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .regex(SMARTLINK_SLUG, 'smartlinks.validation.slug');

export const smartlinkItemInput = z
  .object({
    /** An existing item's id (kept, so its history stays); absent for a new item. */
    id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullish(),
    kind: z.enum(SMARTLINK_ITEM_KINDS, 'validation.choose'),
    label: plainText(SMARTLINK_LIMITS.label),
    url: smartlinkTargetUrl,
    imageUrl: httpsImage,
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'image' && !item.imageUrl) ctx.addIssue({ code: 'custom', path: ['imageUrl'], message: 'validation.required' });
  });

export const smartlinkTheme = z.object({
  preset: z.enum(SMARTLINK_THEMES, 'validation.choose'),
  accent: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v.toLowerCase()))
    .pipe(z.string().regex(/^#[0-9a-f]{6}$/, 'validation.hexColor').nullable())
    .nullish()
    .transform((v) => v ?? null),
  buttonStyle: z.enum(['rounded', 'pill', 'square'], 'validation.choose'),
});

export const smartlinkContent = z.object({
  title: plainText(SMARTLINK_LIMITS.title),
  bio: optionalPlainText(SMARTLINK_LIMITS.bio).transform((v) => v ?? null),
  avatarUrl: httpsImage,
  theme: smartlinkTheme,
  items: z.array(smartlinkItemInput).max(SMARTLINK_LIMITS.items, tooMany(SMARTLINK_LIMITS.items)),
});
export type SmartlinkContent = z.infer<typeof smartlinkContent>;

export const smartlinkRef = z.object({ workspaceId: uuid, pageId: uuid });
export const smartlinkCreateInput = z.object({ workspaceId: uuid, title: plainText(SMARTLINK_LIMITS.title) });
export const smartlinkSaveInput = smartlinkRef.extend(smartlinkContent.shape);
export const smartlinkSlugInput = smartlinkRef.extend({ slug: smartlinkSlug });
export const smartlinkSlugCheckInput = z.object({ workspaceId: uuid, pageId: uuid.nullish(), slug: z.string().max(200) });
export const smartlinkPublishInput = smartlinkRef.extend({ publish: z.boolean() });
