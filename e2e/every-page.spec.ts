import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { signUp, uniqueSuffix } from './support/flows';
import { seedSurveyWithAnswers } from './support/surveys';
import { expectNoForeignStrings, foreignStrings, type Locale } from './support/locale-leaks';

/**
 * Every page a signed-in owner with data meets, in English and Dutch, at 1440 px and 390 px:
 * axe finds no serious or critical violation, no string of the other language shows, and nothing
 * is cut off (the page never scrolls sideways; wide tables scroll inside their own region).
 * PULSE_SHOTS=<dir> also saves a full-page screenshot of each, for a human to look at.
 */
test.setTimeout(900_000);

const WIDTHS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const shots = process.env.PULSE_SHOTS;

async function settle(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator('h1').first()).toBeVisible();
  // Not 'networkidle': the editor's live preview and counts keep the network busy.
  await page.waitForLoadState('load');
}

async function expectNoSidewaysScroll(page: Page, soft = false) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  (soft ? expect.soft : expect)(scroll, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(client);
}

test('every page passes axe, speaks one language and fits at 1440 and 390 px', async ({ page, browser, baseURL }) => {
  const owner = await signUp(page, { prefix: 'pages' });
  const w = `/w/${owner.slug}`;
  const tag = uniqueSuffix();

  // Data, through the product: an import, a list, a segment, a campaign, an invitation.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-pages-')), 'people.csv');
  fs.writeFileSync(file, `email,first name,tags\nada-${tag}@example.com,Ada,vip\nbob-${tag}@example.com,Bob,\ncy-${tag}@example.com,Cy,vip\n`);
  await page.goto(`${w}/contacts/import`);
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('form', { name: 'Map the columns' }).getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByTestId('import-count-inserted')).toContainText('3', { timeout: 30_000 });

  await page.goto(`${w}/contacts/segments`);
  await page.getByLabel('New list name').fill('Regulars');
  await page.getByRole('button', { name: 'Create list' }).click();
  await expect(page.getByTestId('list-Regulars')).toBeVisible();
  await page.getByRole('button', { name: 'New segment' }).click();
  await page.getByLabel('Segment name').fill('Sleepers');
  await page.getByLabel('Condition').selectOption('never');
  await page.getByRole('button', { name: 'Save segment' }).click();
  // The list says what the segment selects, and how many it selects now: the same number the
  // contacts page finds for it (nobody has opened a mail yet, so all three).
  const segment = page.getByTestId('segment-Sleepers');
  await expect(segment.getByTestId('segment-rule')).toHaveText('Never opened');
  await expect(segment.getByTestId('segment-count')).toHaveText('3 contacts now');
  await segment.getByRole('link', { name: 'Sleepers' }).click();
  await expect(page.getByTestId('contacts-count')).toContainText('3 contacts match these filters');

  await page.goto(`${w}/campaigns/new`);
  await page.getByLabel('Campaign name').fill(`Spring ${tag}`);
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
  const editUrl = new URL(page.url()).pathname;

  // A survey, through the builder; its edit page shows the link, the snippet and the live preview.
  await page.goto(`${w}/surveys/new`);
  await page.getByLabel('Survey name').fill(`Pulse check ${tag}`);
  await page.getByRole('button', { name: 'Create survey' }).click();
  await expect(page).toHaveURL(/\/surveys\/[0-9a-f-]{36}\/edit$/);
  const surveyEditUrl = new URL(page.url()).pathname;

  await page.goto(`${w}/settings/members`);
  await page.getByLabel('Email', { exact: true }).fill(`new-${tag}@example.com`);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByTestId(`invitation-new-${tag}@example.com`)).toBeVisible();

  await page.goto(`${w}/contacts`);
  const contactUrl = new URL(await page.getByRole('link', { name: `ada-${tag}@example.com` }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
  await page.goto(`${w}/settings/outbox`);
  const mailUrl = new URL(await page.getByTestId('outbox-table').getByRole('link').first().evaluate((a) => (a as HTMLAnchorElement).href)).pathname;

  // A survey with answers (through recordAnswer) for its report; the builder has its own spec.
  const survey = await seedSurveyWithAnswers(owner.slug);

  const pages = [
    `${w}/dashboard`,
    `${w}/campaigns`,
    `${w}/campaigns/new`,
    editUrl,
    `${w}/contacts`,
    contactUrl,
    `${w}/contacts/new`,
    `${contactUrl}/edit`,
    `${w}/contacts/import`,
    `${w}/contacts/segments`,
    `${w}/surveys`,
    `${w}/surveys/${survey.id}`,
    `${w}/surveys/new`,
    surveyEditUrl,
    `${w}/sequences`,
    `${w}/links`,
    `${w}/conversions`,
    `${w}/conversions/setup`,
    `${w}/settings`,
    `${w}/settings/sending`,
    `${w}/settings/benchmarks`,
    `${w}/settings/inactivity`,
    `${w}/settings/members`,
    `${w}/settings/api`,
    `${w}/settings/webhooks`,
    `${w}/settings/links`,
    `${w}/settings/surveys`,
    `${w}/settings/outbox`,
    mailUrl,
    `${w}/settings/danger`,
    `${w}/account`,
    '/onboarding',
  ];
  const publicPages = ['/sign-in', '/sign-up'];

  for (const locale of ['en', 'nl'] as Locale[]) {
    const foreign = foreignStrings(locale);
    await page.context().addCookies([{ name: 'pulse-locale', value: locale, url: baseURL! }]);
    const anon = await browser.newContext({ locale: locale === 'nl' ? 'nl-NL' : 'en-US' });
    await anon.addCookies([{ name: 'pulse-locale', value: locale, url: baseURL! }]);
    const anonPage = await anon.newPage();
    try {
      for (const size of WIDTHS) {
        for (const [p, url] of [...pages.map((u) => [page, u] as const), ...publicPages.map((u) => [anonPage, u] as const)]) {
          await p.setViewportSize({ width: size.width, height: size.height });
          await settle(p, url);
          // Soft: one run lists every page that fails, not only the first.
          await expectNoSidewaysScroll(p, true);
          await expectNoForeignStrings(p, locale, foreign, true);
          await expectNoSeriousA11yViolations(p, `${url} (${locale}, ${size.width} px)`, true);
          if (shots) {
            const name = `${locale}-${size.width}-${url.replace(/^\/w\/[^/]+/, '').replace(/[^a-z0-9]+/gi, '_') || 'root'}.png`;
            await p.screenshot({ path: path.join(shots, name), fullPage: true });
          }
        }
      }
    } finally {
      await anon.close();
    }
  }
});

test('layout: the sidebar fits the screen, the phone menu keeps the logo in place, the test-mail row and Send now fit their cards', async ({ page }) => {
  const owner = await signUp(page, { prefix: 'layout' });
  const w = `/w/${owner.slug}`;

  // A short page does not scroll because of the sidebar's "Sign out".
  await page.setViewportSize({ width: 1440, height: 900 });
  await settle(page, `${w}/surveys`);
  const heights = await page.evaluate(() => ({ doc: document.documentElement.scrollHeight, view: window.innerHeight }));
  expect(heights.doc).toBeLessThanOrEqual(heights.view);
  await expect(page.getByRole('button', { name: 'Sign out' }).filter({ visible: true })).toBeInViewport();

  // Settings → Sending: a real box for the address, the button on one line beside it.
  await settle(page, `${w}/settings/sending`);
  const to = await page.getByLabel('Send to').boundingBox();
  const send = page.getByRole('button', { name: 'Send test email' });
  const sendBox = await send.boundingBox();
  expect(to!.width).toBeGreaterThan(240);
  expect(sendBox!.height).toBeLessThanOrEqual(44);
  expect(Math.abs(sendBox!.y + sendBox!.height / 2 - (to!.y + to!.height / 2))).toBeLessThanOrEqual(2);

  // The campaign editor: Send now stays inside its card at 1280 and 1920 px.
  await page.goto(`${w}/campaigns/new`);
  await page.getByLabel('Campaign name').fill('Fits');
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page).toHaveURL(/\/edit$/);
  for (const width of [1280, 1440, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const card = page.locator('section').filter({ has: page.getByRole('button', { name: 'Send now' }) }).last();
    const c = (await card.boundingBox())!;
    for (const name of ['Send now', 'Schedule']) {
      const b = (await card.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(b.x, `${name} at ${width} px`).toBeGreaterThanOrEqual(c.x);
      expect(b.x + b.width, `${name} at ${width} px`).toBeLessThanOrEqual(c.x + c.width);
    }
  }

  // Phone: opening the menu does not move the logo.
  await page.setViewportSize({ width: 390, height: 844 });
  await settle(page, `${w}/dashboard`);
  const logo = page.getByRole('banner').getByText('Pulse', { exact: true });
  const before = (await logo.boundingBox())!;
  await page.getByRole('button', { name: 'Open menu' }).click();
  await expect(page.getByRole('button', { name: 'Close menu' })).toBeVisible();
  const after = (await logo.boundingBox())!;
  expect(after.y).toBe(before.y);
  await expect(page.getByRole('button', { name: 'Sign out' }).filter({ visible: true })).toBeVisible();
});
