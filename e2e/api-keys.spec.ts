import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { signUp, uniqueSuffix } from './support/flows';
import { expectNoForeignStrings, foreignStrings, type Locale } from './support/locale-leaks';

/**
 * API keys end to end: an owner creates a write key in Settings and sees it once, the key creates
 * a contact over the real HTTP API that then shows on the contacts page, and after revoking it
 * (behind a confirmation) the same call is 401. Then the page at 1440/390 px in en and nl with axe.
 */
const shots = process.env.PULSE_SHOTS;

test('create a key, use it against /api/v1, see the contact, revoke it', async ({ page, request, baseURL }) => {
  const owner = await signUp(page, { prefix: 'apikeys' });
  const w = `/w/${owner.slug}`;
  await page.goto(`${w}/settings/api`);
  await expect(page.getByRole('heading', { name: 'No API keys yet' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'api keys (empty)');

  await page.getByLabel('Name').fill('Shop sync');
  await page.getByLabel('Access').selectOption('write');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText("Copy this key now: you won't see it again.")).toBeVisible();
  const key = await page.getByTestId('new-api-key').inputValue();
  expect(key).toMatch(/^pk_[A-Za-z0-9_-]{40}$/);
  const row = page.getByTestId(`api-key-${key.slice(0, 11)}`);
  await expect(row).toContainText('Shop sync');
  await expect(row).toContainText('Read and write');
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Never');

  // Shown once: after a reload only the prefix is on the page.
  await page.reload();
  await expect(page.getByTestId('new-api-key')).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  const email = `api-${uniqueSuffix()}@example.test`;
  const created = await request.post(`${baseURL}/api/v1/contacts`, {
    headers: { authorization: `Bearer ${key}` },
    data: { email, firstName: 'Via', lastName: 'Api', tags: ['from-api'] },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()['x-ratelimit-limit']).toMatch(/^\d+$/);
  const listed = await request.get(`${baseURL}/api/v1/contacts?email=${encodeURIComponent(email)}`, { headers: { authorization: `Bearer ${key}` } });
  expect(listed.status()).toBe(200);
  expect((await listed.json()).data).toHaveLength(1);

  await page.goto(`${w}/contacts`);
  await expect(page.getByText(email)).toBeVisible();

  await page.goto(`${w}/settings/api`);
  await expect(row).not.toContainText('Never');
  await row.getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke “Shop sync”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This cannot be undone.');
  await dialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);

  const after = await request.get(`${baseURL}/api/v1/contacts`, { headers: { authorization: `Bearer ${key}` } });
  expect(after.status()).toBe(401);
  expect(after.headers()['www-authenticate']).toBe('Bearer');
  expect(await after.json()).toEqual({ error: { code: 'UNAUTHORIZED', messageKey: 'apiKeyInvalid' } });

  const doc = await request.get(`${baseURL}/api/v1/openapi.json`);
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe('3.1.0');

  for (const locale of ['en', 'nl'] as Locale[]) {
    const foreign = foreignStrings(locale);
    await page.context().addCookies([{ name: 'pulse-locale', value: locale, url: baseURL! }]);
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await page.goto(`${w}/settings/api`);
      await expect(page.locator('h1').first()).toBeVisible();
      await page.waitForLoadState('load');
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect.soft(scroll, `api keys scrolls sideways at ${size.width} px`).toBeLessThanOrEqual(client);
      await expectNoForeignStrings(page, locale, foreign, true);
      await expectNoSeriousA11yViolations(page, `api keys (${locale}, ${size.width} px)`, true);
      if (shots) await page.screenshot({ path: path.join(shots, `${locale}-${size.width}-settings-api.png`), fullPage: true });
    }
  }
});
