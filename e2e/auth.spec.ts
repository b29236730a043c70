import { expect, test } from '@playwright/test';
import { e2eSql } from './support/db';
import { alertWith, PASSWORD, signUp, submitSignIn, uniqueEmail, uniqueSuffix } from './support/flows';

const INVALID_LOGIN = 'The email or password is not correct.';

test.describe('sign-up, sign-out and sign-in', () => {
  test('sign up lands in the new workspace, then sign out and sign in again', async ({ page }) => {
    const account = await signUp(page, { prefix: 'auth' });
    await expect(page).toHaveURL(new RegExp(`/w/${account.slug}/dashboard$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome to ${account.workspace}`);

    const sql = e2eSql();
    try {
      const rows = await sql`
        select u.name as user_name, w.name as workspace_name, w.slug, m.role
        from users u
        join memberships m on m.user_id = u.id
        join workspaces w on w.id = m.workspace_id
        where u.email = ${account.email}`;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ user_name: account.name, workspace_name: account.workspace, slug: account.slug, role: 'owner' });
      const [hash] = await sql`select password_hash from users where email = ${account.email}`;
      expect(hash.password_hash).toMatch(/^\$argon2id\$/);
      expect(hash.password_hash).not.toContain(account.password);
    } finally {
      await sql.end();
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { name: 'Sign in to Pulse' })).toBeVisible();

    // Signed out means signed out: the workspace now sends us back to sign-in.
    await page.goto(`/w/${account.slug}/dashboard`);
    await expect(page).toHaveURL(/\/sign-in/);

    await page.goto('/sign-in');
    await submitSignIn(page, account.email, account.password);
    await expect(page).toHaveURL(new RegExp(`/w/${account.slug}/dashboard$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome to ${account.workspace}`);
  });

  test('a wrong password and an unknown email get the same message', async ({ page }) => {
    const account = await signUp(page, { prefix: 'wrongpw' });
    // Forget the session the sign-up created and come back as a stranger.
    await page.context().clearCookies();
    const p = page;
    await p.goto('/sign-in');
    await submitSignIn(p, account.email, 'not-the-right-password');
    const wrongPassword = alertWith(p, INVALID_LOGIN);
    await expect(wrongPassword).toBeVisible();
    await expect(p).toHaveURL(/\/sign-in$/);
    const firstText = (await wrongPassword.textContent())?.trim();

    await p.reload();
    await submitSignIn(p, uniqueEmail('nobody'), 'not-the-right-password');
    const unknownEmail = alertWith(p, INVALID_LOGIN);
    await expect(unknownEmail).toBeVisible();
    await expect(p).toHaveURL(/\/sign-in$/);
    expect((await unknownEmail.textContent())?.trim()).toBe(firstText);
    // Neither answer gives the account away with a field-level hint.
    await expect(p.getByLabel('Email', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('after 5 wrong passwords even the right password is refused for a while', async ({ page }) => {
    const account = await signUp(page, { prefix: 'throttle' });
    // Forget the session the sign-up created and come back as a stranger.
    await page.context().clearCookies();
    const p = page;
    await p.goto('/sign-in');
    for (let i = 1; i <= 5; i++) {
      await submitSignIn(p, account.email, `wrong-password-${i}`);
      await expect(alertWith(p, INVALID_LOGIN)).toBeVisible();
      // The alert is cleared when the next attempt starts; wait for the button to be usable again.
      await expect(p.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    }
    await submitSignIn(p, account.email, account.password);
    await expect(alertWith(p, /Too many failed attempts\. Try again in \d+ minutes\./)).toBeVisible();
    await expect(p).toHaveURL(/\/sign-in$/);
    await expect(alertWith(p, INVALID_LOGIN)).toHaveCount(0);

    // And no session was handed out: the app still wants a sign-in.
    await p.goto(`/w/${account.slug}/dashboard`);
    await expect(p).toHaveURL(/\/sign-in/);
  });
});

test.describe('sign-up validation', () => {
  test('bad input shows field messages and writes no user', async ({ page }) => {
    const email = uniqueEmail('badsignup');
    const workspaceName = `Valid Co ${uniqueSuffix()}`;
    await page.goto('/sign-up');
    const name = page.getByLabel('Your name');
    const emailField = page.getByLabel('Email', { exact: true });
    const password = page.getByLabel('Password', { exact: true });
    const workspace = page.getByLabel('Workspace name');
    const submit = page.getByRole('button', { name: 'Create account' });

    // 1. Empty submit.
    await submit.click();
    await expect(name).toHaveAccessibleDescription('This field is required.');
    await expect(emailField).toHaveAccessibleDescription('This field is required.');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(alertWith(page, 'Please correct the highlighted fields.')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up$/);

    // 2. Markup in the name, everything else valid.
    await name.fill('<script>alert(1)</script>');
    await emailField.fill(email);
    await password.fill(PASSWORD);
    await workspace.fill(workspaceName);
    await submit.click();
    await expect(name).toHaveAccessibleDescription("Please don't use < or > here.");
    await expect(emailField).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/sign-up$/);

    // 3. A valid name but a short password.
    await name.fill('Valid Name');
    await password.fill('short');
    await submit.click();
    await expect(password).toHaveAccessibleDescription(/Use at least 10 characters\./);
    await expect(name).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/sign-up$/);

    const sql = e2eSql();
    try {
      const users = await sql`select id from users where email = ${email}`;
      expect(users).toHaveLength(0);
      const workspaces = await sql`select id from workspaces where name = ${workspaceName}`;
      expect(workspaces).toHaveLength(0);
    } finally {
      await sql.end();
    }
  });
});
