import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { alertWith, signUp, submitSignIn } from './support/flows';

const NEW_PASSWORD = 'violet-anchor-meadow-71';
/** PULSE_SHOTS=<dir> saves the account page at both widths and in both languages for a human to look at. */
const shots = process.env.PULSE_SHOTS;

/** The sidebar is rendered for desktop and mobile; the visible "Your account" link leads to the page. */
async function openAccount(page: Page, name = 'Your account') {
  await page.getByRole('link', { name }).filter({ visible: true }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+\/account$/);
}

test('changing the password keeps this session, ends every other one, and only the new password signs in', async ({ browser, page, baseURL }) => {
  const account = await signUp(page, { prefix: 'pwchange' });
  const dashboard = `/w/${account.slug}/dashboard`;

  // A second browser holding a copy of the same session cookie (a stolen or forgotten session).
  const other = await browser.newContext();
  await other.addCookies(await page.context().cookies());
  const otherPage = await other.newPage();
  try {
    await otherPage.goto(dashboard);
    await expect(otherPage).toHaveURL(new RegExp(`${dashboard}$`));

    await openAccount(page);
    const form = page.getByRole('form', { name: 'Change password' });
    await expectNoSeriousA11yViolations(page, 'account page');

    // Wrong current password: refused with the field's message, nothing changes.
    await form.getByLabel('Current password').fill('not-my-password-at-all');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(alertWith(form, 'The current password is not correct.')).toBeVisible();

    // A guessable new password: refused at the field.
    await form.getByLabel('Current password').fill(account.password);
    await form.getByLabel('New password', { exact: true }).fill('password123');
    await form.getByLabel('Confirm new password').fill('password123');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('This password is too common or easy to guess.', { exact: false })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'account page with errors');

    // The other session still works up to the change.
    await otherPage.goto(dashboard);
    await expect(otherPage).toHaveURL(new RegExp(`${dashboard}$`));

    await form.getByLabel('Current password').fill(account.password);
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByRole('status')).toHaveText('Password changed. Every other session has been signed out.');

    // This browser carries on; the copy is sent to sign in.
    await page.goto(dashboard);
    await expect(page).toHaveURL(new RegExp(`${dashboard}$`));
    await expect(page.getByRole('heading', { level: 1, name: `Welcome to ${account.workspace}` })).toBeVisible();
    await otherPage.goto(dashboard);
    await expect(otherPage).toHaveURL(/\/sign-in/);
  } finally {
    await other.close();
  }

  // A fresh browser: the old password fails, the new one signs in.
  const fresh = await browser.newContext({ baseURL });
  try {
    const p = await fresh.newPage();
    await p.goto('/sign-in');
    await submitSignIn(p, account.email, account.password);
    await expect(alertWith(p, 'The email or password is not correct.')).toBeVisible();
    await submitSignIn(p, account.email, NEW_PASSWORD);
    await expect(p).toHaveURL(/\/w\/[^/]+\/dashboard$/, { timeout: 20_000 });
  } finally {
    await fresh.close();
  }
});

test('the account page reads well at 1440 and 390 px, in English and Dutch', async ({ page, baseURL }) => {
  const account = await signUp(page, { prefix: 'pwlook' });
  for (const locale of ['en', 'nl'] as const) {
    await page.context().addCookies([{ name: 'pulse-locale', value: locale, url: baseURL! }]);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/w/${account.slug}/dashboard`);
      if (width === 390) await page.getByRole('button', { name: locale === 'nl' ? 'Menu openen' : 'Open menu' }).click();
      await openAccount(page, locale === 'nl' ? 'Je account' : 'Your account');
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale === 'nl' ? 'Je account' : 'Your account');
      // Submitted empty, so the errors are on screen as well.
      const title = locale === 'nl' ? 'Wachtwoord wijzigen' : 'Change password';
      const form = page.getByRole('form', { name: title });
      await form.getByRole('button', { name: title }).click();
      await expect(form.getByRole('alert')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectNoSeriousA11yViolations(page, `account (${locale}, ${width} px)`);
      if (shots) await page.screenshot({ path: path.join(shots, `account-${locale}-${width}.png`), fullPage: true });
    }
  }
});
