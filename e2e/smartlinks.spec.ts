import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { signUp, uniqueSuffix } from './support/flows';
import { expectNoForeignStrings, foreignStrings, type Locale } from './support/locale-leaks';

/**
 * SmartLinks through the browser: a page built in the builder (two buttons, reordered with the
 * keyboard), its address checked and changed, published behind its confirmation; a visitor with
 * JavaScript disabled opens it and clicks both buttons; the analytics then show 1 visit, 2 clicks
 * and a CTR of 200 % with the explanation. PULSE_SHOTS saves screenshots.
 */
const shots = process.env.PULSE_SHOTS;
// A person's browser: Playwright's own "HeadlessChrome" user agent is (rightly) flagged as a bot.
const PERSON_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function createPage(page: Page, w: string, title: string): Promise<string> {
  await page.goto(`${w}/links`);
  await page.getByLabel('Page title').fill(title);
  await page.getByRole('button', { name: 'Create page' }).click();
  await expect(page).toHaveURL(/\/links\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

test('build a SmartLink page, visit it without JavaScript, click two buttons: CTR 200 %', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const owner = await signUp(page, { prefix: 'smartlink' });
  const w = `/w/${owner.slug}`;
  const slug = `e2e-${uniqueSuffix()}`;

  await page.goto(`${w}/links`);
  await expect(page.getByRole('heading', { name: 'No SmartLinks yet' })).toBeVisible();
  const editor = await createPage(page, w, 'My links');
  await expect(page.getByTestId('smartlink-status')).toHaveText('Draft');

  // Two buttons whose targets are pages of the app itself.
  await page.getByTestId('add-button').click();
  await page.getByTestId('add-button').click();
  const labels = page.getByTestId('item-label');
  const urls = page.getByTestId('item-url');
  await labels.nth(0).fill('One');
  await urls.nth(0).fill(`${baseURL}/sign-in?target=one`);
  await labels.nth(1).fill('Two');
  await urls.nth(1).fill(`${baseURL}/sign-in?target=two`);
  await expect(page.getByTestId('smartlink-preview').getByText('Two')).toBeVisible();

  // Keyboard reordering: focus the handle, Space picks up, ArrowUp moves, Space drops — announced.
  await page.getByRole('button', { name: 'Move Two', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByText('Picked up Two, position 2 of 2.')).toBeAttached();
  // dnd-kit measures the items just after the pick-up: ArrowUp until it announces the new place.
  await expect(async () => {
    await page.keyboard.press('ArrowUp');
    await expect(page.getByText('Two is over position 1 of 2.')).toBeAttached({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.press('Space');
  await expect(page.getByText(/Two dropped at position 1 of 2\./)).toBeAttached();
  await expect(labels.nth(0)).toHaveValue('Two');
  await expect(labels.nth(1)).toHaveValue('One');
  await page.getByTestId('smartlink-save').click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(labels.nth(0)).toHaveValue('Two');
  await expect(labels.nth(1)).toHaveValue('One');

  // The address: checked, then changed.
  await page.getByTestId('smartlink-slug').fill(slug);
  await page.getByTestId('slug-check').click();
  await expect(page.getByTestId('slug-status')).toHaveText('This address is free.');
  await page.getByTestId('slug-save').click();
  await expect(page.getByTestId('slug-status')).toHaveText('Address changed. The old address no longer works.');

  // Publishing asks first.
  await page.getByTestId('smartlink-publish').click();
  const dialog = page.getByRole('dialog', { name: 'Publish this page?' });
  await expect(dialog).toContainText(`/l/${slug}`);
  await dialog.getByRole('button', { name: 'Yes, publish' }).click();
  await expect(page.getByTestId('smartlink-status')).toHaveText('Published');
  await expectNoSeriousA11yViolations(page, 'smartlink builder');
  if (shots) await page.screenshot({ path: path.join(shots, 'smartlink-builder.png'), fullPage: true });

  // A visitor: a fresh browser, JavaScript off. One page load, two clicks (each opens its own tab,
  // so the page is not loaded again: every load is a visit).
  const visitorContext = await browser.newContext({ javaScriptEnabled: false, userAgent: PERSON_UA });
  try {
    const visitor = await visitorContext.newPage();
    const response = await visitor.goto(`/l/${slug}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toContain('no-store');
    await expect(visitor.getByRole('heading', { level: 1, name: 'My links' })).toBeVisible();
    const links = visitor.getByRole('navigation', { name: 'Links' }).getByRole('link');
    await expect(links).toHaveText(['Two', 'One']);
    // Button "One" by a real click; then "Two" by following its link in the same browser (a new
    // tab opened by Ctrl+click may leave before the context's user agent applies: a bot hit).
    const hrefTwo = await visitor.getByRole('link', { name: 'Two', exact: true }).getAttribute('href');
    expect(hrefTwo).toMatch(new RegExp(`^/l/${slug}/go/\\d+$`));
    await visitor.getByRole('link', { name: 'One', exact: true }).click();
    await visitor.waitForURL(/\/sign-in\?/);
    for (const [name, tab] of [['one', visitor], ['two', await visitorContext.newPage()]] as const) {
      if (name === 'two') await tab.goto(hrefTwo!, { referer: `${baseURL}/l/${slug}` });
      const landed = new URL(tab.url());
      expect(landed.pathname).toBe('/sign-in');
      expect(landed.searchParams.get('target')).toBe(name);
      expect(landed.searchParams.get('pulse_cid')).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}$/);
    }
  } finally {
    await visitorContext.close();
  }

  // The analytics: 1 visit, 1 unique visitor, 2 clicks, CTR 200 % — and why that is possible.
  await page.getByRole('link', { name: 'Analytics' }).click();
  await expect(page).toHaveURL(`${baseURL}${editor}/analytics`);
  await expect(page.getByTestId('sl-visits')).toHaveText('1');
  await expect(page.getByTestId('sl-unique')).toHaveText('1');
  await expect(page.getByTestId('sl-clicks')).toHaveText('2');
  await expect(page.getByTestId('sl-ctr')).toHaveText('200.0 %');
  await expect(page.getByTestId('sl-ctr-explain')).toContainText('It can be above 100 %: one visitor may click several items');
  await expect(page.getByTestId('sl-item-row')).toHaveCount(2);
  await expect(page.getByTestId('sl-item-row').first()).toContainText('100.0 %');
  await expectNoSeriousA11yViolations(page, 'smartlink analytics');
  if (shots) await page.screenshot({ path: path.join(shots, 'smartlink-analytics.png'), fullPage: true });

  // The public page itself passes axe (checked last: axe needs JavaScript, and this load is a visit too).
  await page.goto(`/l/${slug}`);
  await expect(page.getByRole('heading', { level: 1, name: 'My links' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'public smartlink page');
});

test('the SmartLink pages pass axe, speak one language and fit at 1440 and 390 px', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const owner = await signUp(page, { prefix: 'smartlink-pages' });
  const w = `/w/${owner.slug}`;
  const editor = await createPage(page, w, 'Studio page');
  await page.getByTestId('add-button').click();
  await page.getByTestId('item-label').first().fill('Shop');
  await page.getByTestId('item-url').first().fill('https://shop.example/');
  await page.getByTestId('add-image').click();
  await page.getByTestId('item-label').nth(1).fill('New collection');
  await page.getByTestId('item-url').nth(1).fill('https://shop.example/new');
  await page.getByLabel('Image URL (https)').fill('https://img.example/new.jpg');
  await page.getByTestId('smartlink-save').click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const pages = [`${w}/links`, editor, `${editor}/analytics`];

  for (const locale of ['en', 'nl'] as Locale[]) {
    const foreign = foreignStrings(locale);
    await page.context().addCookies([{ name: 'pulse-locale', value: locale, url: baseURL! }]);
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      for (const url of pages) {
        await page.goto(url);
        await expect(page.locator('h1').first()).toBeVisible();
        await page.waitForLoadState('load');
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect.soft(scroll, `${url} scrolls sideways at ${size.width} px`).toBeLessThanOrEqual(client);
        await expectNoForeignStrings(page, locale, foreign, true);
        await expectNoSeriousA11yViolations(page, `${url} (${locale}, ${size.width} px)`, true);
        if (shots) await page.screenshot({ path: path.join(shots, `smartlink-${locale}-${size.width}-${url.replace(/^\/w\/[^/]+/, '').replace(/[^a-z0-9]+/gi, '_')}.png`), fullPage: true });
      }
    }
  }
});
