import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '@/lib/crypto';
import { auditLog, invitations, mailMessages, memberships, sendingSettings, users, workspaces, type Industry } from '@/lib/db/schema';
import { sendingSettingsSchema } from '@/lib/db/schema/workspaces/validation';
import { testMail } from '@/lib/mail/templates/invitation';
import { inviteMember } from '@/lib/members/invite';
import { defaultBenchmarks } from '@/lib/metrics/benchmarks';
import { deleteWorkspace } from '@/lib/workspaces/delete';
import { getWorkspace } from '@/lib/workspaces/get';
import { getSendingSettings, sendTestEmail, updateSending } from '@/lib/workspaces/sending';
import { resetBenchmarks, updateBenchmarks, updateLinks, updateProfile } from '@/lib/workspaces/update';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, BASE_URL, ctxFor, makeUser, uniqueEmail } from './support/factories';
import { mailById } from './support/mail';
import { closedPort, startSmtpSink } from './support/smtp';

const db = setupTestDb();

const savedSmtpUrl = process.env.SMTP_URL;
beforeAll(() => {
  delete process.env.SMTP_URL;
});
afterAll(() => {
  if (savedSmtpUrl !== undefined) process.env.SMTP_URL = savedSmtpUrl;
});

async function ownerCtx() {
  const owner = await makeUser(db());
  return { owner, ctx: await ctxFor(db(), owner.user.id, owner.workspace.id) };
}

async function auditActions(workspaceId: string) {
  return db().select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
}

async function storedSending(workspaceId: string) {
  const [row] = await db().select().from(sendingSettings).where(eq(sendingSettings.workspaceId, workspaceId));
  return row;
}

/** Sending settings as the settings form would post them, parsed by the action's own schema. */
const sendingForm = (fields: Record<string, unknown>) =>
  sendingSettingsSchema.parse({ fromName: '', fromEmail: '', replyTo: '', smtpHost: '', smtpPort: '', smtpUser: '', smtpPassword: '', ...fields });

describe('profile, links and benchmarks', () => {
  it('updateProfile persists and writes an audit row', async () => {
    const { owner, ctx } = await ownerCtx();
    await updateProfile({ ctx, input: { name: 'Renamed Co', industry: 'b2b', timezone: 'America/New_York', locale: 'nl' } });
    const ws = await getWorkspace(ctx);
    expect(ws).toMatchObject({ name: 'Renamed Co', industry: 'b2b', timezone: 'America/New_York', locale: 'nl', slug: owner.workspace.slug });
    expect(ws.updatedAt.getTime()).toBeGreaterThanOrEqual(ws.createdAt.getTime());
    expect(await auditActions(owner.workspace.id)).toContainEqual(
      expect.objectContaining({
        action: 'workspace.profile.updated',
        actorUserId: owner.user.id,
        target: owner.workspace.id,
        data: { fields: ['name', 'industry', 'timezone', 'locale'] },
      }),
    );
  });

  it('updateLinks persists both links and clears them again', async () => {
    const { owner, ctx } = await ownerCtx();
    await updateLinks({ ctx, input: { reviewUrl: 'https://reviews.example.test/us', referralUrl: 'https://example.test/refer' } });
    expect(await getWorkspace(ctx)).toMatchObject({ reviewUrl: 'https://reviews.example.test/us', referralUrl: 'https://example.test/refer' });
    await updateLinks({ ctx, input: { reviewUrl: null } });
    expect(await getWorkspace(ctx)).toMatchObject({ reviewUrl: null, referralUrl: null });
    const links = (await auditActions(owner.workspace.id)).filter((r) => r.action === 'workspace.links.updated');
    expect(links).toHaveLength(2);
    expect(links[0].actorUserId).toBe(owner.user.id);
  });

  it('updateBenchmarks persists the whole JSON document', async () => {
    const { owner, ctx } = await ownerCtx();
    const custom = defaultBenchmarks('ecommerce');
    custom.ctrByCategory.newsletter = { low: 2.25, high: 3.75 };
    custom.inactivityDays = 33;
    custom.controlGroupPct = 12.5;
    await updateBenchmarks({ ctx, input: { benchmarks: custom } });
    expect((await getWorkspace(ctx)).benchmarks).toEqual(custom);
    expect(await auditActions(owner.workspace.id)).toContainEqual(
      expect.objectContaining({ action: 'workspace.benchmarks.updated', actorUserId: owner.user.id }),
    );
  });

  it.each(['saas', 'financial'] as Industry[])('resetBenchmarks restores defaultBenchmarks(%s) for the current industry', async (industry) => {
    const { owner, ctx } = await ownerCtx();
    const ws = await getWorkspace(ctx);
    await updateProfile({ ctx, input: { name: ws.name, industry, timezone: ws.timezone, locale: ws.locale } });
    await updateBenchmarks({ ctx, input: { benchmarks: { ...defaultBenchmarks('ecommerce'), inactivityDays: 7, controlGroupPct: 1 } } });
    expect((await getWorkspace(ctx)).benchmarks).not.toEqual(defaultBenchmarks(industry));

    await resetBenchmarks({ ctx });
    const after = (await getWorkspace(ctx)).benchmarks;
    expect(after).toEqual(defaultBenchmarks(industry));
    expect(after.inactivityDays).not.toBe(defaultBenchmarks('ecommerce').inactivityDays);
    expect(await auditActions(owner.workspace.id)).toContainEqual(expect.objectContaining({ action: 'workspace.benchmarks.reset' }));
  });
});

describe('sending settings', () => {
  it('stores the SMTP password encrypted and never hands it back', async () => {
    const { owner, ctx } = await ownerCtx();
    const secret = 'Sup3r-Secret-SMTP-pa55';
    await updateSending({
      ctx,
      input: sendingForm({ fromName: 'Shop', fromEmail: 'News@Shop.example', smtpHost: 'SMTP.Example.test', smtpPort: '2525', smtpUser: 'mailer', smtpPassword: secret }),
    });

    const row = await storedSending(owner.workspace.id);
    expect(row).toMatchObject({ fromName: 'Shop', fromEmail: 'news@shop.example', smtpHost: 'smtp.example.test', smtpPort: 2525, smtpSecure: false, smtpUser: 'mailer' });
    expect(row.smtpPasswordEnc).toBeTruthy();
    expect(row.smtpPasswordEnc).not.toBe(secret);
    expect(row.smtpPasswordEnc).not.toContain(secret);
    expect(decryptSecret(row.smtpPasswordEnc!)).toBe(secret);

    const shown = await getSendingSettings(ctx);
    expect(shown).toMatchObject({ hasPassword: true, smtpHost: 'smtp.example.test', smtpUser: 'mailer' });
    expect(shown).not.toHaveProperty('smtpPasswordEnc');
    expect(JSON.stringify(shown)).not.toContain(secret);
    expect(JSON.stringify(shown)).not.toContain(row.smtpPasswordEnc!);

    expect(await auditActions(owner.workspace.id)).toContainEqual(
      expect.objectContaining({ action: 'workspace.sending.updated', actorUserId: owner.user.id, data: { smtpHost: 'smtp.example.test' } }),
    );
    // The audit trail must not carry the secret either.
    expect(JSON.stringify(await auditActions(owner.workspace.id))).not.toContain(secret);
  });

  it('a blank password keeps the stored one; clearPassword removes it', async () => {
    const { owner, ctx } = await ownerCtx();
    await updateSending({ ctx, input: sendingForm({ smtpHost: 'smtp.example.test', smtpUser: 'u', smtpPassword: 'first-password' }) });
    const sealed = (await storedSending(owner.workspace.id)).smtpPasswordEnc;

    await updateSending({ ctx, input: sendingForm({ smtpHost: 'smtp2.example.test', smtpUser: 'u', smtpPassword: '' }) });
    const kept = await storedSending(owner.workspace.id);
    expect(kept.smtpHost).toBe('smtp2.example.test');
    expect(kept.smtpPasswordEnc).toBe(sealed);

    await updateSending({ ctx, input: sendingForm({ smtpHost: 'smtp2.example.test', smtpUser: 'u', smtpPassword: 'ignored', clearPassword: 'on' }) });
    expect((await storedSending(owner.workspace.id)).smtpPasswordEnc).toBeNull();
    expect(await getSendingSettings(ctx)).toMatchObject({ hasPassword: false });
  });

  it('getSendingSettings is null before anything was saved', async () => {
    const { ctx } = await ownerCtx();
    expect(await getSendingSettings(ctx)).toBeNull();
  });
});

describe('sendTestEmail', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
  });

  it('delivers through a real SMTP server with the decrypted credentials and records it as sent', async () => {
    const { owner, ctx } = await ownerCtx();
    await updateSending({
      ctx,
      input: sendingForm({
        fromName: 'Pulse Test',
        fromEmail: 'sender@example.test',
        smtpHost: '127.0.0.1',
        smtpPort: String(sink.port),
        smtpSecure: false,
        smtpUser: 'smtp-user',
        smtpPassword: 'smtp-pass-123',
      }),
    });
    const to = uniqueEmail('recipient');
    const countBefore = sink.received.length;

    const result = await sendTestEmail({ ctx, input: { to } });
    expect(result).toMatchObject({ status: 'sent', transport: 'smtp' });

    expect(sink.received).toHaveLength(countBefore + 1);
    const got = sink.received.at(-1)!;
    const expected = testMail({ locale: 'en', workspaceName: owner.workspace.name });
    expect(got.parsed.subject).toBe(expected.subject);
    expect(got.parsed.subject).toContain(owner.workspace.name);
    expect(got.parsed.to && !Array.isArray(got.parsed.to) ? got.parsed.to.value.map((v) => v.address) : []).toEqual([to]);
    expect(got.parsed.from?.value[0]).toMatchObject({ address: 'sender@example.test', name: 'Pulse Test' });
    expect(got.parsed.text?.trim()).toBe(expected.text);
    expect(got.envelope.to).toEqual([to]);
    expect(got.auth).toEqual({ username: 'smtp-user', password: 'smtp-pass-123' });

    const row = await mailById(db(), result.id);
    expect(row).toMatchObject({ workspaceId: owner.workspace.id, kind: 'test', toAddress: to, transport: 'smtp', status: 'sent', error: null, subject: expected.subject });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  it("defaults the recipient to the caller's own address", async () => {
    const { owner, ctx } = await ownerCtx();
    await updateSending({ ctx, input: sendingForm({ smtpHost: '127.0.0.1', smtpPort: String(sink.port) }) });
    const result = await sendTestEmail({ ctx, input: {} });
    expect(result.status).toBe('sent');
    expect(sink.received.at(-1)!.envelope.to).toEqual([owner.user.email]);
  });

  it('records a failed delivery to a closed port and does not throw', async () => {
    const { owner, ctx } = await ownerCtx();
    await updateSending({ ctx, input: sendingForm({ smtpHost: '127.0.0.1', smtpPort: String(await closedPort()) }) });
    const countBefore = sink.received.length;

    const result = await sendTestEmail({ ctx, input: { to: uniqueEmail('nobody') } });
    expect(result).toMatchObject({ status: 'failed', transport: 'smtp' });
    expect(result.error).toBeTruthy();

    const row = await mailById(db(), result.id);
    expect(row).toMatchObject({ workspaceId: owner.workspace.id, transport: 'smtp', status: 'failed', sentAt: null });
    expect(row.error).toBe('refused');
    expect(sink.received).toHaveLength(countBefore);
  });
});

describe('deleteWorkspace', () => {
  async function furnishedWorkspace() {
    const { owner, ctx } = await ownerCtx();
    const member = await addMember(db(), owner.workspace.id, 'member');
    await inviteMember({ ctx, input: { email: uniqueEmail('to-be-gone'), role: 'viewer', baseUrl: BASE_URL } });
    await updateSending({ ctx, input: sendingForm({ fromName: 'Gone', smtpPassword: 'gone-secret' }) });
    return { owner, ctx, member };
  }

  async function rowCounts(workspaceId: string) {
    const n = async (table: typeof memberships | typeof invitations | typeof mailMessages | typeof sendingSettings | typeof auditLog) =>
      (await db().select({ n: count() }).from(table).where(eq(table.workspaceId, workspaceId)))[0].n;
    return {
      workspaces: (await db().select({ n: count() }).from(workspaces).where(eq(workspaces.id, workspaceId)))[0].n,
      memberships: await n(memberships),
      invitations: await n(invitations),
      mailMessages: await n(mailMessages),
      sendingSettings: await n(sendingSettings),
      auditLog: await n(auditLog),
    };
  }

  it('refuses a wrong confirmation name with VALIDATION confirmNameMismatch', async () => {
    const { owner, ctx } = await furnishedWorkspace();
    const before = await rowCounts(owner.workspace.id);
    await expectAppError(deleteWorkspace({ ctx, input: { confirmName: `${owner.workspace.name}x` } }), 'VALIDATION', 'confirmNameMismatch');
    await expectAppError(deleteWorkspace({ ctx, input: { confirmName: owner.workspace.name.toUpperCase() } }), 'VALIDATION', 'confirmNameMismatch');
    await expectAppError(deleteWorkspace({ ctx, input: { confirmName: '' } }), 'VALIDATION', 'confirmNameMismatch');
    expect(await rowCounts(owner.workspace.id)).toEqual(before);
  });

  it('refuses an admin even with the right name', async () => {
    const { owner } = await furnishedWorkspace();
    const admin = await addMember(db(), owner.workspace.id, 'admin');
    const before = await rowCounts(owner.workspace.id);
    await expectAppError(
      deleteWorkspace({ ctx: await ctxFor(db(), admin.id, owner.workspace.id), input: { confirmName: owner.workspace.name } }),
      'FORBIDDEN',
      'ownerOnly',
    );
    expect(await rowCounts(owner.workspace.id)).toEqual(before);
  });

  it('the owner with the right name deletes it and every tenant-owned row, but not the users', async () => {
    const { owner, ctx, member } = await furnishedWorkspace();
    const other = await ownerCtx();
    const otherBefore = await rowCounts(other.owner.workspace.id);
    const before = await rowCounts(owner.workspace.id);
    expect(before).toMatchObject({ workspaces: 1, memberships: 2, invitations: 1, mailMessages: 1, sendingSettings: 1 });
    expect(before.auditLog).toBeGreaterThan(0);

    await deleteWorkspace({ ctx, input: { confirmName: `  ${owner.workspace.name} ` } });

    expect(await rowCounts(owner.workspace.id)).toEqual({
      workspaces: 0,
      memberships: 0,
      invitations: 0,
      mailMessages: 0,
      sendingSettings: 0,
      auditLog: 0,
    });
    const survivors = await db().select({ id: users.id }).from(users).where(eq(users.id, member.id));
    expect(survivors).toHaveLength(1);
    expect(await rowCounts(other.owner.workspace.id)).toEqual(otherBefore);
    await expectAppError(getWorkspace(ctx), 'NOT_FOUND', 'workspaceNotFound');
  });
});
