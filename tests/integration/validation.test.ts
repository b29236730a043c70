import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { localeSchema, signInSchema, signUpSchema } from '@/lib/db/schema/auth/validation';
import {
  benchmarksInputSchema,
  deleteWorkspaceSchema,
  invitationRefSchema,
  inviteSchema,
  memberRoleSchema,
  newWorkspaceSchema,
  sendingSettingsSchema,
  testEmailSchema,
  workspaceLinksSchema,
  workspaceProfileSchema,
} from '@/lib/db/schema/workspaces/validation';
import { parseMessageKey } from '@/lib/i18n/message-key';
import { defaultBenchmarks } from '@/lib/metrics/benchmarks';

// Pure schema checks: no database. They sit here because they guard the same server actions.

const HUGE = 'x'.repeat(10_000);
const SCRIPT = '<script>alert(1)</script>';

const valid = {
  profile: { name: 'Acme Coffee', industry: 'saas', timezone: 'Europe/Amsterdam', locale: 'en' },
  newWorkspace: { name: 'Acme Coffee' },
  links: { reviewUrl: 'https://reviews.example.test/acme', referralUrl: '' },
  sending: { fromName: '', fromEmail: '', replyTo: '', smtpHost: '', smtpPort: '', smtpSecure: '', smtpUser: '', smtpPassword: '' },
  invite: { email: 'ada@example.test', role: 'member' },
  testEmail: { to: 'ada@example.test' },
  memberRole: { userId: '5b0c1c4e-6f7a-4b8e-9c1d-2e3f4a5b6c7d', role: 'viewer' },
  invitationRef: { invitationId: '5b0c1c4e-6f7a-4b8e-9c1d-2e3f4a5b6c7d' },
  deleteWorkspace: { confirmName: 'Acme Coffee' },
  signUp: { name: 'Ada Lovelace', email: 'ada@example.test', password: 'a long enough password', workspaceName: 'Ada Co' },
  signIn: { email: 'ada@example.test', password: 'whatever' },
  locale: { locale: 'nl' },
} as const;

const schemas = {
  profile: workspaceProfileSchema,
  newWorkspace: newWorkspaceSchema,
  links: workspaceLinksSchema,
  sending: sendingSettingsSchema,
  invite: inviteSchema,
  testEmail: testEmailSchema,
  memberRole: memberRoleSchema,
  invitationRef: invitationRefSchema,
  deleteWorkspace: deleteWorkspaceSchema,
  signUp: signUpSchema,
  signIn: signInSchema,
  locale: localeSchema,
} satisfies Record<keyof typeof valid, z.ZodType>;

type Form = keyof typeof valid;

/** The messages zod reports for one field (by path) when `field` is set to `value` on a valid form. */
function messagesFor(form: Form, field: string, value: unknown): string[] {
  const input: Record<string, unknown> = { ...valid[form] };
  if (value === MISSING) delete input[field];
  else input[field] = value;
  const result = schemas[form].safeParse(input);
  if (result.success) return [];
  return result.error.issues.filter((i) => i.path[0] === field).map((i) => parseMessageKey(i.message).key);
}
const MISSING = Symbol('missing');

describe('valid forms parse', () => {
  it.each(Object.keys(valid) as Form[])('%s', (form) => {
    expect(schemas[form].safeParse(valid[form]).success).toBe(true);
  });

  it('normalizes emails to trimmed lower case and blank optional fields to null', () => {
    expect(inviteSchema.parse({ email: '  Ada@Example.TEST ', role: 'admin' }).email).toBe('ada@example.test');
    expect(signUpSchema.parse({ ...valid.signUp, email: 'ADA@example.test' }).email).toBe('ada@example.test');
    expect(workspaceLinksSchema.parse({ reviewUrl: '  ', referralUrl: '' })).toEqual({ reviewUrl: null, referralUrl: null });
    expect(sendingSettingsSchema.parse(valid.sending)).toMatchObject({ fromName: null, fromEmail: null, smtpHost: null, smtpPort: null, smtpSecure: false });
    expect(sendingSettingsSchema.parse({ ...valid.sending, smtpPort: '587', smtpSecure: 'on' })).toMatchObject({ smtpPort: 587, smtpSecure: true });
  });
});

type Case = [form: Form, field: string, label: string, value: unknown, key: string];

const requiredText = (form: Form, field: string, max: 'tooLong' = 'tooLong'): Case[] => [
  [form, field, 'empty', '', 'validation.required'],
  [form, field, 'blank', '   ', 'validation.required'],
  [form, field, 'missing', MISSING, 'validation.required'],
  [form, field, '10k chars', HUGE, `validation.${max}`],
  [form, field, 'a number', 42, 'validation.required'],
  [form, field, 'an array', ['Acme'], 'validation.required'],
  [form, field, 'an object', { name: 'Acme' }, 'validation.required'],
  [form, field, 'null', null, 'validation.required'],
];

const markup = (form: Form, field: string): Case[] => [
  [form, field, 'a script tag', SCRIPT, 'validation.noMarkup'],
  [form, field, 'an img onerror', '<img src=x onerror=alert(1)>', 'validation.noMarkup'],
  [form, field, 'a stray >', 'Acme > Others', 'validation.noMarkup'],
];

const requiredEmail = (form: Form, field: string): Case[] => [
  [form, field, 'empty', '', 'validation.required'],
  [form, field, 'missing', MISSING, 'validation.required'],
  [form, field, '10k chars', `${HUGE}@example.test`, 'validation.tooLong'],
  [form, field, 'a number', 42, 'validation.required'],
  [form, field, 'an array', ['ada@example.test'], 'validation.required'],
  [form, field, 'an object', { email: 'ada@example.test' }, 'validation.required'],
  [form, field, 'no @', 'ada.example.test', 'validation.email'],
  [form, field, 'two @', 'ada@@example.test', 'validation.email'],
  [form, field, 'spaces inside', 'ada lovelace@example.test', 'validation.email'],
  [form, field, 'markup', `${SCRIPT}@example.test`, 'validation.email'],
  [form, field, 'a javascript: URL', 'javascript:alert(1)', 'validation.email'],
];

const optionalUrl = (form: Form, field: string): Case[] => [
  [form, field, 'javascript:', 'javascript:alert(1)', 'validation.url'],
  [form, field, 'JavaScript: in mixed case', 'JavaScript:alert(document.cookie)', 'validation.url'],
  [form, field, 'javascript: with leading space', '  javascript:alert(1)', 'validation.url'],
  [form, field, 'data:', `data:text/html,${SCRIPT}`, 'validation.url'],
  [form, field, 'vbscript:', 'vbscript:msgbox(1)', 'validation.url'],
  [form, field, 'ftp:', 'ftp://example.test/file', 'validation.url'],
  [form, field, 'not a URL', 'not a url', 'validation.url'],
  [form, field, '10k chars', `https://example.test/${HUGE}`, 'validation.tooLong'],
  [form, field, 'a number', 42, 'validation.invalid'],
  [form, field, 'an array', ['https://example.test'], 'validation.invalid'],
  [form, field, 'an object', { href: 'https://example.test' }, 'validation.invalid'],
];

const cases: Case[] = [
  // Workspace profile and creation
  ...requiredText('profile', 'name'),
  ...markup('profile', 'name'),
  ...requiredText('newWorkspace', 'name'),
  ...markup('newWorkspace', 'name'),
  ['profile', 'industry', 'unknown', 'space-travel', 'validation.choose'],
  ['profile', 'industry', 'a number', 3, 'validation.choose'],
  ['profile', 'locale', 'unknown', 'de', 'validation.choose'],
  ['profile', 'timezone', 'unknown zone', 'Mars/Olympus_Mons', 'validation.timezone'],
  ['profile', 'timezone', '10k chars', HUGE, 'validation.tooLong'],
  ['profile', 'timezone', 'a number', 1, 'validation.required'],
  // Links
  ...optionalUrl('links', 'reviewUrl'),
  ...optionalUrl('links', 'referralUrl'),
  // Sending settings
  ...markup('sending', 'fromName'),
  ['sending', 'fromName', '10k chars', HUGE, 'validation.tooLong'],
  ['sending', 'fromName', 'a number', 42, 'validation.invalid'],
  ['sending', 'fromName', 'an object', {}, 'validation.invalid'],
  ['sending', 'fromEmail', 'no @', 'sender.example.test', 'validation.email'],
  ['sending', 'fromEmail', '10k chars', `${HUGE}@example.test`, 'validation.tooLong'],
  ['sending', 'fromEmail', 'an array', ['a@example.test'], 'validation.invalid'],
  ['sending', 'replyTo', 'a javascript: URL', 'javascript:alert(1)', 'validation.email'],
  ['sending', 'smtpHost', 'a space and a command', 'smtp.example.test; rm -rf /', 'validation.hostname'],
  ['sending', 'smtpHost', 'markup', SCRIPT, 'validation.hostname'],
  ['sending', 'smtpHost', '10k chars', HUGE, 'validation.tooLong'],
  ['sending', 'smtpUser', 'markup', SCRIPT, 'validation.noMarkup'],
  ['sending', 'smtpUser', '10k chars', HUGE, 'validation.tooLong'],
  ['sending', 'smtpPassword', '10k chars', HUGE, 'validation.tooLong'],
  // Members
  ...requiredEmail('invite', 'email'),
  ['invite', 'role', 'unknown', 'superadmin', 'validation.choose'],
  ['invite', 'role', 'an array', ['owner'], 'validation.choose'],
  ...requiredEmail('testEmail', 'to'),
  ['memberRole', 'userId', 'not a uuid', 'not-a-uuid', 'validation.invalid'],
  ['memberRole', 'userId', 'SQL', "' or 1=1 --", 'validation.invalid'],
  ['memberRole', 'role', 'unknown', 'god', 'validation.choose'],
  ['invitationRef', 'invitationId', '10k chars', HUGE, 'validation.invalid'],
  ['deleteWorkspace', 'confirmName', '10k chars', HUGE, 'validation.tooLong'],
  // Auth
  ...requiredText('signUp', 'name'),
  ...markup('signUp', 'name'),
  ...requiredEmail('signUp', 'email'),
  ['signUp', 'password', 'too short', 'short', 'validation.passwordTooShort'],
  ['signUp', 'password', '10k chars', HUGE, 'validation.tooLong'],
  ['signUp', 'password', 'a number', 12345678901, 'validation.required'],
  ['signUp', 'password', 'missing', MISSING, 'validation.required'],
  ['signUp', 'workspaceName', 'missing without an invitation', MISSING, 'validation.required'],
  ['signUp', 'workspaceName', 'empty without an invitation', '', 'validation.required'],
  ['signUp', 'inviteToken', '10k chars', HUGE, 'validation.invalid'],
  ['signIn', 'email', 'empty', '', 'validation.required'],
  ['signIn', 'email', '10k chars', HUGE, 'validation.tooLong'],
  ['signIn', 'password', 'empty', '', 'validation.required'],
  ['signIn', 'password', '10k chars', HUGE, 'validation.tooLong'],
  ['locale', 'locale', 'unknown', 'xx', 'validation.choose'],
];

describe('invalid input is refused with an i18n key', () => {
  it.each(cases)('%s.%s: %s -> %s', (form, field, _label, value, key) => {
    const messages = messagesFor(form, field, value);
    expect(messages, `no issue on ${form}.${field}`).not.toEqual([]);
    expect(messages).toContain(key);
    // Every message is an i18n key (limits carry their number, see limits.test.ts), never zod's English default.
    for (const m of messages) expect(m).toMatch(/^validation\.[a-zA-Z0-9]+$/);
  });
});

describe('signUp workspace name', () => {
  it('refuses markup in the workspace name', () => {
    const r = signUpSchema.safeParse({ ...valid.signUp, workspaceName: SCRIPT });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('validation.noMarkup');
  });

  it('does not need one when signing up through an invitation', () => {
    expect(signUpSchema.safeParse({ ...valid.signUp, workspaceName: '', inviteToken: 'tok' }).success).toBe(true);
  });
});

describe('sending settings numbers', () => {
  it.each([
    [0, 'validation.port'],
    [70_000, 'validation.port'],
    [25.5, 'validation.wholeNumber'],
  ])('smtpPort %s -> %s', (port, key) => {
    const r = sendingSettingsSchema.safeParse({ ...valid.sending, smtpPort: port });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(key);
  });
});

describe('benchmarks', () => {
  const base = defaultBenchmarks('ecommerce');
  it.each([
    ['low above high', { ...base, regular: { ...base.regular, ctr: { low: 5, high: 1 } } }, 'validation.lowAboveHigh'],
    ['negative', { ...base, ctrReading: { ...base.ctrReading, weakBelow: -1 } }, 'validation.nonNegative'],
    ['over 100 %', { ...base, ctrReading: { ...base.ctrReading, goodFrom: 101 } }, 'validation.max100'],
    ['control group over 50 %', { ...base, controlGroupPct: 60 }, 'validation.max50'],
    ['fractional days', { ...base, inactivityDays: 1.5 }, 'validation.wholeNumber'],
  ])('%s -> %s', (_label, benchmarks, key) => {
    const r = benchmarksInputSchema.safeParse({ benchmarks });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(key);
  });

  it('accepts the defaults of every industry', () => {
    for (const industry of ['ecommerce', 'saas', 'media', 'b2b', 'financial'] as const) {
      expect(benchmarksInputSchema.safeParse({ benchmarks: defaultBenchmarks(industry) }).success).toBe(true);
    }
  });
});
