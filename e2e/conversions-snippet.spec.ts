import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { e2eSql } from './support/db';
import { signUp, uniqueSuffix } from './support/flows';
import { expectNoForeignStrings, foreignStrings, type Locale } from './support/locale-leaks';
import { waitForMail } from './support/mail';

/**
 * Conversions captured by the browser snippet, end to end: a goal set up in Conversions → Setup,
 * a campaign whose link points to a tiny shop served by this test, a real click in the received
 * mail, the shop's snippet keeping the click id and sending `pulse('conversion', …)`, and the
 * campaign credited with the conversion and its revenue.
 */
test.setTimeout(240_000);

const SHOP_PORT = 4100 + Number(process.env.E2E_PORT_OFFSET || 0);
const SHOP = `http://127.0.0.1:${SHOP_PORT}`;
// Headless Chromium says "HeadlessChrome", which the collector treats as a bot for page views.
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

/** A shop page embedding the snippet tag exactly as the setup page shows it. */
function startShop(tag: () => string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', SHOP);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test shop</title>
<script>window.pulse = window.pulse || function () { (pulse.q = pulse.q || []).push(arguments); };</script>
${tag()}</head><body><main><h1>Single origin beans</h1>
<button id="buy" type="button">Buy for € 49,95</button><p id="done" hidden>Thank you</p>
<script>document.getElementById('buy').addEventListener('click', function () {
  pulse('conversion', { goal: 'purchase', value: 49.95, orderId: 'ORDER-${uniqueSuffix()}' });
  document.getElementById('done').hidden = false;
});</script></main></body></html>`);
  });
  return new Promise((resolve) => server.listen(SHOP_PORT, '127.0.0.1', () => resolve(server)));
}

async function createGoal(page: Page) {
  await page.getByRole('button', { name: 'New goal' }).click();
  const form = page.getByRole('form', { name: 'New goal' });
  await form.getByLabel('Key').fill('purchase');
  await form.getByLabel('Name').fill('Purchase');
  await form.getByLabel('Type').selectOption('macro');
  await form.getByRole('button', { name: 'Create goal' }).click();
  await expect(page.getByTestId('goal-purchase')).toContainText('Purchase');
  await expect(page.getByTestId('goal-purchase')).toContainText('Active');
}

test('a goal set up, a campaign click, a snippet conversion on the shop, credited to the campaign', async ({ page, browser }) => {
  const owner = await signUp(page, { prefix: 'conversions' });
  const w = `/w/${owner.slug}`;
  const tag = uniqueSuffix();

  await page.goto(`${w}/conversions/setup`);
  await expect(page.getByRole('heading', { name: 'No goals yet' })).toBeVisible();
  await createGoal(page);
  const settings = page.getByRole('form', { name: 'Attribution and site' });
  await settings.getByLabel('Allowed site origins').fill(SHOP);
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByText('Saved.')).toBeVisible();
  const snippet = (await page.getByTestId('snippet-tag').textContent())!;
  expect(snippet).toMatch(/^<script async src="http:\/\/127\.0\.0\.1:\d+\/c\/pulse\.js" data-site="[0-9a-f]{32}"><\/script>$/);
  const shop = await startShop(() => snippet);

  try {
    // One contact, one campaign whose button points to the shop.
    const ada = `ada-${tag}@example.com`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-conv-'));
    const file = path.join(dir, 'list.csv');
    fs.writeFileSync(file, `email,first name\n${ada},Ada\n`);
    await page.goto(`${w}/contacts/import`);
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByRole('form', { name: 'Map the columns' }).getByRole('button', { name: 'Start import' }).click();
    await expect(page.getByTestId('import-count-inserted')).toContainText('1', { timeout: 30_000 });

    await page.goto(`${w}/campaigns/new`);
    await page.getByLabel('Campaign name').fill(`Beans ${tag}`);
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
    const campaignId = page.url().split('/').at(-2)!;
    await page.getByLabel('Subject').fill('New beans');
    await page.getByRole('button', { name: '+ Button' }).click();
    const button = page.getByRole('listitem', { name: 'Button 1' });
    await button.getByLabel('Text').fill('Buy the beans');
    await button.getByLabel('Link (https://…)').fill(`${SHOP}/beans`);
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('dialog', { name: 'Send this campaign now?' }).getByRole('button', { name: 'Send to 1 recipient' }).click();
    await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}$`));
    const mail = await waitForMail(ada, 60_000);

    const sql = e2eSql();
    try {
      // A click in the first minute after delivery counts as a link scanner: make the mail a few minutes old.
      await sql`update campaign_sends set sent_at = now() - interval '5 minutes' where campaign_id = ${campaignId}`;

      const shopper = await browser.newContext({ userAgent: CHROME });
      const reader = await shopper.newPage();
      await reader.setContent(mail.html);
      await reader.getByRole('link', { name: 'Buy the beans' }).click();
      await expect(reader.getByRole('heading', { name: 'Single origin beans' })).toBeVisible();
      // The snippet kept the click id in its one cookie and took it out of the address bar.
      await expect.poll(async () => (await shopper.cookies(SHOP)).find((c) => c.name === 'pulse_cid')?.value ?? null).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}$/);
      await expect.poll(() => new URL(reader.url()).searchParams.has('pulse_cid')).toBe(false);
      expect((await shopper.cookies(SHOP)).map((c) => c.name)).toEqual(['pulse_cid']);

      await reader.getByRole('button', { name: /Buy for/ }).click();
      await expect(reader.getByText('Thank you')).toBeVisible();

      // The database: the visit and the conversion, attributed to this campaign's send and link.
      await expect
        .poll(async () => (await sql`select campaign_id, value_cents, via, source from conversions where campaign_id = ${campaignId}`).map((r) => ({ ...r })), { timeout: 30_000 })
        .toEqual([{ campaign_id: campaignId, value_cents: '4995', via: 'snippet', source: 'email' }]);
      const visits = await sql`select source, device from site_visits where campaign_id = ${campaignId}`;
      expect(visits.map((r) => ({ ...r }))).toEqual([{ source: 'email', device: 'desktop' }]);
      await shopper.close();
    } finally {
      await sql.end();
    }

    // The campaign report's funnel (built by the report's own part of this issue): 1 converted, € 49,95.
    await page.context().addCookies([{ name: 'pulse-locale', value: 'nl', url: page.url() }]);
    await expect(async () => {
      await page.goto(`${w}/campaigns/${campaignId}`);
      await expect(page.getByTestId('funnel-step-converted')).toContainText('1', { timeout: 1_000 });
      await expect(page.getByTestId('campaign-revenue')).toContainText(/€\s?49,95/, { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
  } finally {
    await new Promise((resolve) => shop.close(resolve));
  }
});

test('the setup page passes axe, speaks one language and fits at 1440 and 390 px', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const owner = await signUp(page, { prefix: 'conversions-pages' });
  const url = `/w/${owner.slug}/conversions/setup`;
  await page.goto(url);
  await createGoal(page);
  for (const locale of ['en', 'nl'] as Locale[]) {
    const foreign = foreignStrings(locale);
    await page.context().addCookies([{ name: 'pulse-locale', value: locale, url: baseURL! }]);
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await page.goto(url);
      await expect(page.locator('h1').first()).toBeVisible();
      await page.waitForLoadState('load');
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect.soft(scroll, `${url} scrolls sideways at ${size.width} px`).toBeLessThanOrEqual(client);
      await expectNoForeignStrings(page, locale, foreign, true);
      await expectNoSeriousA11yViolations(page, `${url} (${locale}, ${size.width} px)`, true);
    }
  }
});
