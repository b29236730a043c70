import { tooLong } from '@/lib/i18n/message-key';
import { z } from 'zod';
import { workspaceBenchmarksSchema } from '@/lib/metrics/benchmarks';
import { ACTIVITY_SIGNALS } from '../sequences/constants';
import { email, optionalEmail, optionalHttpUrl, optionalPlainText, plainText, uuid } from '@/lib/validation/fields';
import { INDUSTRIES, LOCALES, ROLES } from './constants';

const timezone = z
  .string({ error: 'validation.required' })
  .max(64, tooLong(64))
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'validation.timezone');

export const workspaceProfileSchema = z.object({
  name: plainText(80),
  industry: z.enum(INDUSTRIES, { error: 'validation.choose' }),
  timezone,
  locale: z.enum(LOCALES, { error: 'validation.choose' }),
});
export type WorkspaceProfileInput = z.infer<typeof workspaceProfileSchema>;

export const newWorkspaceSchema = workspaceProfileSchema.partial({ timezone: true, locale: true, industry: true });

export const workspaceLinksSchema = z.object({ reviewUrl: optionalHttpUrl, referralUrl: optionalHttpUrl });

export const benchmarksInputSchema = z.object({ benchmarks: workspaceBenchmarksSchema });

const isOn = (v: unknown) => v === true || v === 'on' || v === 'true';

/**
 * The inactivity definition: days (benchmarks.inactivityDays) and the counted signals, as a list or
 * as the settings form posts them (`signals.open=on`, one checkbox each; none checked → no key).
 */
export const inactivitySettingsSchema = z.object({
  inactivityDays: workspaceBenchmarksSchema.shape.inactivityDays,
  signals: z.preprocess(
    (v) => (v === undefined ? [] : v && typeof v === 'object' && !Array.isArray(v) ? ACTIVITY_SIGNALS.filter((s) => isOn((v as Record<string, unknown>)[s])) : v),
    z
      .array(z.enum(ACTIVITY_SIGNALS, { error: 'validation.choose' }))
      .min(1, 'settings.inactivity.signalsRequired')
      .transform((list) => ACTIVITY_SIGNALS.filter((s) => list.includes(s))),
  ),
});
export type InactivitySettingsInput = z.input<typeof inactivitySettingsSchema>;

const hostname = z
  .string()
  .trim()
  .max(253, tooLong(253))
  .regex(/^$|^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/, 'validation.hostname')
  .transform((v) => (v === '' ? null : v.toLowerCase()))
  .nullish();

export const sendingSettingsSchema = z.object({
  fromName: optionalPlainText(80),
  fromEmail: optionalEmail,
  replyTo: optionalEmail,
  smtpHost: hostname,
  smtpPort: z
    .union([z.literal(''), z.coerce.number().int('validation.wholeNumber').min(1, 'validation.port').max(65535, 'validation.port')])
    .transform((v) => (v === '' ? null : v))
    .nullish(),
  smtpSecure: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  smtpUser: optionalPlainText(254),
  /** Blank keeps the stored password; `clearPassword` removes it. */
  smtpPassword: z.string().max(500, tooLong(500)).optional(),
  clearPassword: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).optional(),
});
export type SendingSettingsInput = z.infer<typeof sendingSettingsSchema>;

export const testEmailSchema = z.object({ to: email });

export const deleteWorkspaceSchema = z.object({ confirmName: z.string().max(200, tooLong(200)) });

export const inviteSchema = z.object({ email, role: z.enum(ROLES, { error: 'validation.choose' }) });
export const invitationRefSchema = z.object({ invitationId: uuid });
export const memberRoleSchema = z.object({ userId: uuid, role: z.enum(ROLES, { error: 'validation.choose' }) });
export const memberRefSchema = z.object({ userId: uuid });
