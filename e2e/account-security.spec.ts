import { expect, test, type Page } from '@playwright/test';
import { e2eSql } from './support/db';
import { linkFrom, waitForMail } from './support/mail';
import { alertWith, PASSWORD, setHiddenInput, signUp, submitSignIn, uniqueEmail, uniqueSuffix } from './support/flows';

async function openMembers(page: Page, slug: string) {
  await page.goto(`/w/${slug}/settings/members`);
  return page.getByRole('form', { name: 'Invite a colleague' });
}

async function invite(page: Page, slug: string, email: string, role: 'Admin' | 'Owner' | 'Viewer') {
  const form = await openMembers(page, slug);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption({ label: role });
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(form.getByRole('status')).toHaveText(`Invitation sent to ${email}.`);
}

test.describe('one-time links stay with their recipient', () => {
  test("an admin sees an owner invitation masked in the outbox, and the invited address alone doesn't inherit it", async ({ browser, page }) => {
    const owner = await signUp(page, { prefix: 'owner1' });
    const adminEmail = uniqueEmail('admin1');
    await invite(page, owner.slug, adminEmail, 'Admin');
    const adminLink = linkFrom(await waitForMail(adminEmail), /https?:\/\/[^\s]+\/invite\/[A-Za-z0-9_-]+/);

    const adminCtx = await browser.newContext();
    const target = uniqueEmail('coowner');
    try {
      const admin = await adminCtx.newPage();
      await admin.goto(new URL(adminLink).pathname);
      await admin.getByRole('link', { name: 'Create an account to accept' }).click();
      await admin.getByLabel('Your name').fill('Ada Admin');
      await admin.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await admin.getByRole('button', { name: 'Create account' }).click();
      await expect(admin).toHaveURL(new RegExp(`/w/${owner.slug}/dashboard$`), { timeout: 20_000 });

      // The owner invites a co-owner; the mail (with its link) reaches only that mailbox.
      await invite(page, owner.slug, target, 'Owner');
      const ownerMail = await waitForMail(target);
      const token = new URL(linkFrom(ownerMail, /https?:\/\/[^\s]+\/invite\/[A-Za-z0-9_-]+/)).pathname.split('/').pop()!;

      // The admin opens that mail in the outbox: the body is withheld.
      await admin.goto(`/w/${owner.slug}/settings/outbox`);
      const row = admin.getByRole('row').filter({ hasText: target });
      await row.getByRole('link').click();
      await expect(admin.getByTestId('mail-masked')).toContainText(`one-time link for ${target}`);
      await expect(admin.locator('iframe')).toHaveCount(0);
      expect(await admin.content()).not.toContain(token);

      // Their own invitation is theirs to read.
      await admin.goto(`/w/${owner.slug}/settings/outbox`);
      await admin.getByRole('row').filter({ hasText: adminEmail }).getByRole('link').click();
      await expect(admin.getByTestId('mail-text')).toContainText('/invite/');
    } finally {
      await adminCtx.close();
    }

    // Signing up with the invited address but without the token: an ordinary new account.
    const squatter = await browser.newContext();
    try {
      const p = await squatter.newPage();
      const account = await signUp(p, { email: target, prefix: 'squat' });
      expect(account.slug).not.toBe(owner.slug);
      await p.goto(`/w/${owner.slug}/dashboard`);
      await expect(p.getByRole('heading', { level: 1 })).not.toHaveText(`Welcome to ${owner.workspace}`);
    } finally {
      await squatter.close();
    }
    const sql = e2eSql();
    try {
      const rows = await sql`
        select m.role from memberships m join users u on u.id = m.user_id join workspaces w on w.id = m.workspace_id
        where u.email = ${target} and w.slug = ${owner.slug}`;
      expect(rows).toHaveLength(0);
      const [inv] = await sql`select accepted_at from invitations i join workspaces w on w.id = i.workspace_id where w.slug = ${owner.slug} and i.email = ${target}`;
      expect(inv.accepted_at).toBeNull();
    } finally {
      await sql.end();
    }
  });
});

test.describe('redirects after sign-in stay on this site', () => {
  test('a TAB or newline in callbackUrl lands on the dashboard of this origin', async ({ page, baseURL }) => {
    const account = await signUp(page, { prefix: 'redir' });
    await page.context().clearCookies();
    const offsite: string[] = [];
    await page.route((url) => url.hostname.endsWith('evil.test'), (route) => {
      offsite.push(route.request().url());
      return route.abort();
    });

    const newline = await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/\n/evil.test/x')}`);
    expect(newline?.status()).toBe(200);

    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/\t/evil.test/x')}`);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Sign in', exact: true }) });
    await expect(form.locator('input[name="callbackUrl"]')).toHaveValue('/');
    // A tampering client posts the payload straight to the action: the server checks it too.
    await setHiddenInput(form, 'callbackUrl', '/\t/evil.test/x');
    await submitSignIn(page, account.email, account.password);
    await expect(page).toHaveURL(new RegExp(`/w/${account.slug}/dashboard$`));
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(offsite).toEqual([]);
  });
});

test.describe('signing out ends the session', () => {
  test('a cookie copied before sign-out no longer opens the workspace', async ({ browser, page }) => {
    const account = await signUp(page, { prefix: 'signout' });
    const copied = await page.context().cookies();
    expect(copied.some((c) => c.name.includes('session-token'))).toBe(true);

    // The copy works while the session lives…
    const thief = await browser.newContext();
    try {
      await thief.addCookies(copied);
      const t = await thief.newPage();
      await t.goto(`/w/${account.slug}/dashboard`);
      await expect(t.getByRole('heading', { level: 1 })).toHaveText(`Welcome to ${account.workspace}`);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/sign-in$/);

      // …and not a moment after sign-out.
      await t.goto(`/w/${account.slug}/dashboard`);
      await expect(t).toHaveURL(/\/sign-in/);
    } finally {
      await thief.close();
    }
  });
});

test.describe('no account discovery, no trivial passwords', () => {
  test('sign-up with a taken address answers neutrally and mails the owner; a common password is refused', async ({ browser, page }) => {
    const account = await signUp(page, { prefix: 'taken' });
    const ctx = await browser.newContext();
    try {
      const p = await ctx.newPage();
      await p.goto('/sign-up');
      await p.getByLabel('Your name').fill('Someone Else');
      await p.getByLabel('Email', { exact: true }).fill(account.email);
      await p.getByLabel('Password', { exact: true }).fill('another-long-passphrase-77');
      await p.getByLabel('Workspace name').fill(`Probe ${uniqueSuffix()}`);
      await p.getByRole('button', { name: 'Create account' }).click();
      await expect(alertWith(p, "We couldn't create an account with these details.")).toBeVisible();
      await expect(p.getByText(/already exists|is taken|in use/i)).toHaveCount(0);
      const notice = await waitForMail(account.email);
      expect(notice.subject).toBe('Someone tried to create a Pulse account with your address');

      await p.getByLabel('Email', { exact: true }).fill(uniqueEmail('weak'));
      await p.getByLabel('Password', { exact: true }).fill('password123');
      await p.getByRole('button', { name: 'Create account' }).click();
      await expect(p.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/too common or easy to guess/);
    } finally {
      await ctx.close();
    }
  });
});
