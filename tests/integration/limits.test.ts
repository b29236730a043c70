import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { campaigns, contacts, workspaces, type User } from '@/lib/db/schema';
import { translateMessage } from '@/lib/i18n/message-key';
import { translator } from '@/lib/i18n/translator';
import { setupTestDb } from './support/db';
import { makeUser, type MadeUser } from './support/factories';

// Limits are refused with their number, never cut: through the real actions (only the session is supplied).
const signedIn = vi.hoisted(() => ({ user: null as User | null, db: null as unknown }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => signedIn.user }));
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db/client')>()),
  getDb: () => signedIn.db,
}));
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/navigation')>()),
  redirect: (url: string) => {
    throw Object.assign(new Error('redirect'), { digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
}));

const { createCampaignAction } = await import('@/lib/actions/campaigns');
const { addTagsAction, createContactAction } = await import('@/lib/actions/contacts');
const { createWorkspaceAction, updateProfileAction } = await import('@/lib/actions/workspaces');

const db = setupTestDb();
let owner: MadeUser;
beforeAll(async () => {
  signedIn.db = db();
  owner = await makeUser(db(), { workspaceName: 'Limits' });
  signedIn.user = owner.user;
});

type Result = { validationErrors?: Record<string, { _errors?: string[] }> } | undefined;
const fieldError = (r: unknown, field: string) => (r as Result)?.validationErrors?.[field]?._errors?.[0];
const en = translator('en');
const nl = translator('nl');

const campaign = (name: string) => ({
  workspaceId: owner.workspace.id,
  name,
  category: 'newsletter',
  audienceKind: 'b2c',
  subject: '',
  previewText: '',
  blocks: [],
  audience: { type: 'all' },
});

describe('campaign name: 120 characters', () => {
  it('121 is refused with the limit in the message; 120 is stored whole', async () => {
    const tooLong = await createCampaignAction(campaign('N'.repeat(121)) as never);
    expect(fieldError(tooLong, 'name')).toBe('validation.tooLong?max=120');
    expect(translateMessage(en as never, fieldError(tooLong, 'name')!)).toBe('Use at most 120 characters.');
    expect(translateMessage(nl as never, fieldError(tooLong, 'name')!)).toBe('Gebruik maximaal 120 tekens.');
    const ok = await createCampaignAction(campaign('N'.repeat(120)) as never);
    const [row] = await db().select().from(campaigns).where(eq(campaigns.id, ok!.data!.id));
    expect(row.name).toBe('N'.repeat(120));
  });
});

describe('workspace name: 80 characters', () => {
  it('new workspace and profile refuse 81 with the limit; 80 is stored whole', async () => {
    const created = await createWorkspaceAction({ name: 'W'.repeat(81) } as never);
    expect(fieldError(created, 'name')).toBe('validation.tooLong?max=80');
    const profile = { workspaceId: owner.workspace.id, industry: 'saas', timezone: 'Europe/Amsterdam', locale: 'en' };
    const refused = await updateProfileAction({ ...profile, name: 'W'.repeat(81) } as never);
    expect(fieldError(refused, 'name')).toBe('validation.tooLong?max=80');
    expect((await db().select().from(workspaces).where(eq(workspaces.id, owner.workspace.id)))[0].name).toBe('Limits');
    await updateProfileAction({ ...profile, name: 'W'.repeat(80) } as never);
    expect((await db().select().from(workspaces).where(eq(workspaces.id, owner.workspace.id)))[0].name).toBe('W'.repeat(80));
  });
});

describe('tags: 50 characters, lower case', () => {
  it('a 51-character tag is refused with the limit; a tag in capitals is stored in lower case as the form says', async () => {
    const c = await createContactAction({ workspaceId: owner.workspace.id, email: 'tags@example.test' } as never);
    const id = c!.data!.id;
    const long = await addTagsAction({ workspaceId: owner.workspace.id, contactIds: [id], tags: ['t'.repeat(51)] } as never);
    expect(JSON.stringify((long as Result)?.validationErrors)).toContain('validation.tooLong?max=50');
    const viaForm = await createContactAction({ workspaceId: owner.workspace.id, email: 'tags2@example.test', tags: `ok, ${'t'.repeat(51)}` } as never);
    expect(JSON.stringify((viaForm as Result)?.validationErrors?.tags)).toContain('validation.tooLong?max=50');
    await addTagsAction({ workspaceId: owner.workspace.id, contactIds: [id], tags: ['t'.repeat(50), 'VIP'] } as never);
    expect((await db().select().from(contacts).where(eq(contacts.id, id)))[0].tags).toEqual(['t'.repeat(50), 'vip']);
    expect(en('contacts.form.tagsHint')).toContain('lower case');
    expect(en('contacts.detail.tagHint')).toContain('lower case');
  });

  it('more tags than allowed says how many are allowed', async () => {
    const r = await createContactAction({
      workspaceId: owner.workspace.id,
      email: 'many@example.test',
      tags: Array.from({ length: 51 }, (_, i) => `t${i}`).join(','),
    } as never);
    expect(fieldError(r, 'tags')).toBe('validation.tooMany?max=50');
    expect(translateMessage(en as never, fieldError(r, 'tags')!)).toBe('Use at most 50 items here.');
  });
});
