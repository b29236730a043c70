import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { e2eSql } from './support/db';
import { type Account, alertWith, setHiddenInput, signUp, uniqueEmail, uniqueSuffix } from './support/flows';

interface Tenant {
  ctx: BrowserContext;
  page: Page;
  account: Account;
  workspaceId: string;
  userId: string;
}

async function tenant(browser: Browser, prefix: string): Promise<Tenant> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const account = await signUp(page, { prefix });
  const sql = e2eSql();
  try {
    const [row] = await sql`
      select w.id as workspace_id, u.id as user_id
      from workspaces w join memberships m on m.workspace_id = w.id join users u on u.id = m.user_id
      where w.slug = ${account.slug} and u.email = ${account.email}`;
    return { ctx, page, account, workspaceId: row.workspace_id, userId: row.user_id };
  } finally {
    await sql.end();
  }
}

async function invite(page: Page, slug: string, email: string) {
  await page.goto(`/w/${slug}/settings/members`);
  const form = page.getByRole('form', { name: 'Invite a colleague' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('member');
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(form.getByRole('status')).toHaveText(`Invitation sent to ${email}.`);
  await expect(page.getByTestId(`invitation-${email}`)).toBeVisible();
}

test.describe('tenant isolation', () => {
  let a: Tenant;
  let b: Tenant;

  test.beforeEach(async ({ browser }) => {
    a = await tenant(browser, 'tenant-a');
    b = await tenant(browser, 'tenant-b');
  });

  test.afterEach(async () => {
    await a?.ctx.close();
    await b?.ctx.close();
  });

  test("another workspace's pages are a plain 404", async () => {
    for (const path of ['dashboard', 'settings', 'settings/members', 'settings/outbox']) {
      const response = await a.page.goto(`/w/${b.account.slug}/${path}`);
      expect(response?.status(), path).toBe(404);
      await expect(a.page.getByRole('heading', { level: 1 }), path).toHaveText('Not found');
      await expect(a.page.getByText(b.account.workspace), path).toHaveCount(0);
    }
    // A made-up slug answers exactly the same, so slugs cannot be probed.
    const response = await a.page.goto(`/w/no-such-workspace-${uniqueSuffix()}/dashboard`);
    expect(response?.status()).toBe(404);
    await expect(a.page.getByRole('heading', { level: 1 })).toHaveText('Not found');
    // B itself still gets in.
    await b.page.goto(`/w/${b.account.slug}/settings/members`);
    await expect(b.page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  });

  test("a tampered workspaceId cannot rename another tenant's workspace", async () => {
    await a.page.goto(`/w/${a.account.slug}/settings`);
    const profile = a.page.getByRole('form', { name: 'Workspace profile' });
    await setHiddenInput(profile, 'workspaceId', b.workspaceId);
    await profile.getByLabel('Workspace name').fill('Renamed by A');
    await profile.getByRole('button', { name: 'Save changes' }).click();
    await expect(alertWith(profile, 'Workspace not found, or you are not a member of it.')).toBeVisible();

    const sql = e2eSql();
    try {
      const [wb] = await sql`select name from workspaces where id = ${b.workspaceId}`;
      expect(wb.name).toBe(b.account.workspace);
      const [wa] = await sql`select name from workspaces where id = ${a.workspaceId}`;
      expect(wa.name).toBe(a.account.workspace);
      const audit = await sql`select action from audit_log where workspace_id = ${b.workspaceId} and actor_user_id = ${a.userId}`;
      expect(audit).toHaveLength(0);
    } finally {
      await sql.end();
    }
  });

  test("a tampered invitationId cannot resend another tenant's invitation", async () => {
    const bInvitee = uniqueEmail('b-invitee');
    await invite(b.page, b.account.slug, bInvitee);
    const aInvitee = uniqueEmail('a-invitee');
    await invite(a.page, a.account.slug, aInvitee);

    const sql = e2eSql();
    try {
      const [bInv] = await sql`select id, token_hash, expires_at from invitations where workspace_id = ${b.workspaceId} and email = ${bInvitee}`;
      expect(bInv).toBeDefined();

      const row = a.page.getByTestId(`invitation-${aInvitee}`);
      const resendForm = row.locator('form').filter({ has: a.page.getByRole('button', { name: 'Resend' }) });
      await setHiddenInput(resendForm, 'invitationId', bInv.id);
      await resendForm.getByRole('button', { name: 'Resend' }).click();
      await expect(alertWith(row, 'That invitation does not exist in this workspace.')).toBeVisible();

      const [after] = await sql`select token_hash, expires_at, revoked_at from invitations where id = ${bInv.id}`;
      expect(after.token_hash).toBe(bInv.token_hash);
      expect(after.expires_at.getTime()).toBe(bInv.expires_at.getTime());
      expect(after.revoked_at).toBeNull();
    } finally {
      await sql.end();
    }
  });

  test("a tampered userId cannot change a role in another tenant's workspace", async () => {
    // A second member of A, inserted directly (joining through the UI is covered by invite.spec.ts).
    const memberEmail = uniqueEmail('a-member');
    const memberName = `Member ${uniqueSuffix()}`;
    const sql = e2eSql();
    try {
      const [u] = await sql`insert into users (email, name, password_hash) values (${memberEmail}, ${memberName}, 'not-a-usable-hash') returning id`;
      await sql`insert into memberships (workspace_id, user_id, role) values (${a.workspaceId}, ${u.id}, 'member')`;

      await a.page.goto(`/w/${a.account.slug}/settings/members`);
      const row = a.page.getByTestId(`member-${memberEmail}`);
      const roleSelect = row.getByLabel(`Change role of ${memberName}`);
      await expect(roleSelect).toHaveValue('member');
      await setHiddenInput(row.locator('form').filter({ has: a.page.locator('select[name="role"]') }), 'userId', b.userId);
      await roleSelect.selectOption('viewer');
      await expect(alertWith(row, 'That member is not part of this workspace.')).toBeVisible();

      const [bOwner] = await sql`select role from memberships where workspace_id = ${b.workspaceId} and user_id = ${b.userId}`;
      expect(bOwner.role).toBe('owner');
      const [aMember] = await sql`select role from memberships where workspace_id = ${a.workspaceId} and user_id = ${u.id}`;
      expect(aMember.role).toBe('member');
      const bMembers = await sql`select user_id from memberships where workspace_id = ${b.workspaceId}`;
      expect(bMembers).toHaveLength(1);
    } finally {
      await sql.end();
    }
  });
});
