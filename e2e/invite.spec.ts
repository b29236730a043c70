import { expect, test } from '@playwright/test';
import { e2eSql } from './support/db';
import { linkFrom, waitForMail } from './support/mail';
import { alertWith, currentRole, PASSWORD, signUp, uniqueEmail } from './support/flows';

test('an invited viewer joins through the mailed link and cannot change settings', async ({ browser, page }) => {
  const owner = await signUp(page, { prefix: 'inviter' });
  const colleague = uniqueEmail('viewer');

  // Owner: Settings → Members → invite as Viewer.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/settings$`));
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Members' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/settings/members$`));
  const inviteForm = page.getByRole('form', { name: 'Invite a colleague' });
  await inviteForm.getByLabel('Email').fill(colleague);
  await inviteForm.getByLabel('Role').selectOption({ label: 'Viewer' });
  await inviteForm.getByRole('button', { name: 'Send invitation' }).click();
  await expect(inviteForm.getByRole('status')).toHaveText(`Invitation sent to ${colleague}.`);
  await expect(page.getByTestId(`invitation-${colleague}`)).toContainText('Viewer');

  // The mail went through the real SMTP listener.
  const mail = await waitForMail(colleague);
  expect(mail.subject).toBe(`${owner.name} invited you to ${owner.workspace} on Pulse`);
  const link = linkFrom(mail, /https?:\/\/[^\s]+\/invite\/[A-Za-z0-9_-]+/);
  const token = new URL(link).pathname.split('/').pop()!;
  expect(link).toContain('/invite/');

  // Colleague, in a separate browser context with no session.
  const ctx = await browser.newContext();
  try {
    const guest = await ctx.newPage();
    await guest.goto(link);
    await expect(guest.getByRole('heading', { name: `You're invited to ${owner.workspace}` })).toBeVisible();
    await guest.getByRole('link', { name: 'Create an account to accept' }).click();
    await expect(guest).toHaveURL(new RegExp(`/sign-up\\?invite=${token}$`));
    const email = guest.getByLabel('Email', { exact: true });
    await expect(email).toHaveValue(colleague);
    await expect(email).not.toBeEditable();
    await expect(guest.getByLabel('Workspace name')).toHaveCount(0);
    await guest.getByLabel('Your name').fill('Vera Viewer');
    await guest.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await guest.getByRole('button', { name: 'Create account' }).click();

    await expect(guest).toHaveURL(new RegExp(`/w/${owner.slug}/dashboard$`), { timeout: 20_000 });
    await expect(guest.getByRole('heading', { level: 1 })).toHaveText(`Welcome to ${owner.workspace}`);
    await expect(currentRole(guest)).toHaveText('Your role: Viewer');

    const sql = e2eSql();
    try {
      const rows = await sql`
        select m.role, i.accepted_at
        from users u
        join memberships m on m.user_id = u.id
        join workspaces w on w.id = m.workspace_id
        join invitations i on i.workspace_id = w.id and i.email = u.email
        where u.email = ${colleague}`;
      expect(rows).toHaveLength(1);
      expect(rows[0].role).toBe('viewer');
      expect(rows[0].accepted_at).not.toBeNull();
      // Joining through an invitation creates no workspace of one's own.
      const [{ count }] = await sql`select count(*)::int as count from memberships m join users u on u.id = m.user_id where u.email = ${colleague}`;
      expect(count).toBe(1);
    } finally {
      await sql.end();
    }

    // Read-only profile settings.
    await guest.goto(`/w/${owner.slug}/settings`);
    await expect(guest.getByRole('status').filter({ hasText: 'You have the Viewer role: you can see these settings but not change them.' })).toBeVisible();
    const profile = guest.getByRole('form', { name: 'Workspace profile' });
    const save = profile.getByRole('button', { name: 'Save changes' });
    await expect(save).toBeDisabled();
    await expect(profile.getByLabel('Workspace name')).toBeDisabled();

    // Force it, as a tampering client would: the server still says no.
    await profile.evaluate((form) => {
      form.querySelectorAll('fieldset[disabled], button[disabled]').forEach((el) => el.removeAttribute('disabled'));
    });
    await expect(save).toBeEnabled();
    await profile.getByLabel('Workspace name').fill('Hijacked by a viewer');
    await save.click();
    await expect(alertWith(profile, 'Only admins and owners can do that.')).toBeVisible();

    const check = e2eSql();
    try {
      const [ws] = await check`select name from workspaces where slug = ${owner.slug}`;
      expect(ws.name).toBe(owner.workspace);
    } finally {
      await check.end();
    }

    // Admin-only sections are closed to a viewer.
    await guest.goto(`/w/${owner.slug}/settings/sending`);
    await expect(guest.getByRole('heading', { name: 'Admins only' })).toBeVisible();
    await expect(guest.getByLabel('Host')).toHaveCount(0);

    // The link works once.
    await guest.goto(link);
    await expect(guest.getByRole('heading', { name: "This invitation can't be used" })).toBeVisible();
  } finally {
    await ctx.close();
  }

  // Also for a stranger with no session.
  const other = await browser.newContext();
  try {
    const p = await other.newPage();
    await p.goto(link);
    await expect(p.getByRole('heading', { name: "This invitation can't be used" })).toBeVisible();
    await expect(p.getByRole('link', { name: 'Create an account to accept' })).toHaveCount(0);
  } finally {
    await other.close();
  }
});
