import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { recordConversions } from './support/conversions';
import { e2eSql } from './support/db';
import { signUp, uniqueSuffix } from './support/flows';
import { expectNoForeignStrings, foreignStrings, type Locale } from './support/locale-leaks';
import { waitForMail } from './support/mail';
import { E2E_PORTS } from './support/ports';

/**
 * Conversion reports through the browser: the empty states linking to setup, then a real
 * campaign sent and clicked, a purchase recorded for the clicker through recordConversion
 * (attributed to the mail by the contact's last click), and the campaign funnel, the conversions
 * page and the dashboard card showing it, at 1440 and 390 px in English and Dutch with axe.
 * PULSE_SHOTS saves screenshots.
 */
test.setTimeout(240_000);
const shots = process.env.PULSE_SHOTS;
const nbsp = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ');

async function noSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test('conversions page, dashboard card and campaign funnel, empty and with a real attributed purchase', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  const owner = await signUp(page, { prefix: 'conversions' });
  const w = `/w/${owner.slug}`;
  const tag = uniqueSuffix();
  const ada = `ada-${tag}@example.com`;
  const sql = e2eSql();
  try {
    const [ws] = await sql<{ id: string }[]>`select id from workspaces where slug = ${owner.slug}`;

    // Empty: no goals yet. Both the card and the page point to the setup.
    await expect(page.getByTestId('dashboard-conversions-empty')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Set up conversions' })).toHaveAttribute('href', `${w}/conversions/setup`);
    await page.goto(`${w}/conversions`);
    await expect(page.getByTestId('conversions-empty')).toContainText('No conversions yet');
    await expect(page.getByRole('link', { name: 'Set up goals and the snippet' })).toHaveAttribute('href', `${w}/conversions/setup`);
    await expectNoSeriousA11yViolations(page, 'conversions empty');

    // A real campaign to one contact, sent through the product and clicked in the mail.
    await sql`insert into contacts (workspace_id, email, first_name) values (${ws.id}, ${ada}, 'Ada')`;
    await page.goto(`${w}/campaigns/new`);
    await page.getByLabel('Campaign name').fill(`Beans ${tag}`);
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
    const campaignId = page.url().split('/').at(-2)!;
    await page.getByLabel('Subject').fill('Fresh beans');
    await page.getByRole('button', { name: '+ Button' }).click();
    const button = page.getByRole('listitem', { name: 'Button 1' });
    await button.getByLabel('Text').fill('Shop the beans');
    await button.getByLabel('Link (https://…)').fill(`http://127.0.0.1:${E2E_PORTS.postgresApp}/sign-in?from=mail-${tag}`);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Draft saved.' })).toBeVisible();
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('dialog', { name: 'Send this campaign now?' }).getByRole('button', { name: /^Send to 1 recipient/ }).click();
    await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}$`));
    const mail = await waitForMail(ada, 60_000);
    // Read a few minutes after delivery, as a person would (the first minute counts as machine traffic).
    await sql`update campaign_sends set sent_at = now() - interval '5 minutes' where campaign_id = ${campaignId}`;
    const click = /href="([^"]*\/t\/c\/[^"]+)"/.exec(mail.html)![1].replace(/&amp;/g, '&');
    const redirect = await page.request.get(click, { maxRedirects: 0 });
    expect(redirect.status()).toBe(302);
    expect(redirect.headers().location).toMatch(/[?&]pulse_cid=/);
    await expect
      .poll(async () => (await sql<{ n: number }[]>`select count(*)::int as n from campaign_sends where campaign_id = ${campaignId} and first_human_click_at is not null`)[0].n, { timeout: 60_000 })
      .toBe(1);

    // Goals are configuration; conversions go through recordConversion.
    await sql`insert into conversion_goals (workspace_id, key, name, kind, default_value_cents, currency)
      values (${ws.id}, 'purchase', 'Purchase', 'macro', 4995, 'EUR'), (${ws.id}, 'sign-up', 'Sign-up', 'micro', null, 'EUR')`;
    const results = await recordConversions([
      { workspaceId: ws.id, goalKey: 'purchase', via: 'api', orderId: `o-${tag}`, email: ada },
      { workspaceId: ws.id, goalKey: 'purchase', via: 'api', orderId: `o-${tag}`, email: ada },
      { workspaceId: ws.id, goalKey: 'sign-up', via: 'snippet', referrer: 'https://chatgpt.com/', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148' },
    ]);
    expect(results.map((r) => r.status)).toEqual(['recorded', 'duplicate', 'recorded']);
    expect(results[0].status === 'recorded' && results[0].attribution?.campaignId).toBe(campaignId);

    // The campaign report's funnel: 1 delivered, 1 opened (inferred from the click), 1 clicked, 1 converted.
    const report = `${w}/campaigns/${campaignId}`;
    await page.goto(report);
    for (const step of ['delivered', 'opened', 'clicked', 'converted']) {
      await expect(page.getByTestId(`funnel-step-${step}`).getByTestId('funnel-count')).toHaveText('1');
    }
    await expect(page.getByTestId('campaign-revenue')).toHaveText('€49.95');
    await expect(page.getByTestId('campaign-conversions')).toHaveText('1');
    await expect(page.getByTestId('campaign-conversion-rate')).toContainText('100.0 %');
    await expect(page.getByText('Benchmark email marketing: 2–5 %')).toBeVisible();

    // The conversions page.
    await page.goto(`${w}/conversions`);
    await expect(page.getByTestId('period-30')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('Conversions', { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId('by-goal-purchase')).toContainText('€49.95');
    await expect(page.getByTestId('by-goal-sign-up')).toContainText('Micro');
    await expect(page.getByTestId(`by-campaign-${campaignId}`)).toContainText(`Beans ${tag}`);
    await expect(page.getByTestId('by-source-ai')).toContainText('AI assistants');
    await expect(page.getByTestId('by-source-ai').getByRole('cell').first()).toHaveText('1');
    await expect(page.getByTestId('by-source-email').getByRole('cell').first()).toHaveText('1');
    await expect(page.getByTestId('by-device-mobile').getByRole('cell').first()).toHaveText('1');
    await expect(page.getByText(/convert markedly better than search/)).toBeVisible();
    await page.getByTestId('period-7').click();
    await expect(page).toHaveURL(/\?days=7$/);
    await expect(page.getByTestId('period-7')).toHaveAttribute('aria-current', 'page');

    // The dashboard card.
    await page.goto(`${w}/dashboard`);
    await expect(page.getByTestId('dashboard-conversions-count')).toHaveText('2');
    await expect(page.getByTestId('dashboard-conversions-value')).toHaveText('€49.95');
    await expect(page.getByTestId('dashboard-conversions-source')).toHaveText(/^(Email|AI assistants)$/);
    await expect(page.getByRole('link', { name: 'All conversions' })).toHaveAttribute('href', `${w}/conversions`);

    // Both languages, both widths, axe.
    for (const locale of ['en', 'nl'] as Locale[]) {
      const foreign = foreignStrings(locale);
      await page.context().addCookies([{ name: 'pulse-locale', value: locale, url: baseURL! }]);
      for (const size of [
        { width: 1440, height: 1000 },
        { width: 390, height: 844 },
      ]) {
        await page.setViewportSize(size);
        for (const url of [`${w}/conversions`, `${w}/dashboard`, report]) {
          await page.goto(url);
          if (url === report) {
            expect(nbsp(await page.getByTestId('campaign-revenue').textContent())).toBe(locale === 'nl' ? '€ 49,95' : '€49.95');
            await expect(page.getByTestId('funnel-step-converted')).toContainText(locale === 'nl' ? '100,0 %' : '100.0 %');
          }
          await noSideScroll(page);
          await expectNoForeignStrings(page, locale, foreign, true);
          await expectNoSeriousA11yViolations(page, `${url} (${locale}, ${size.width} px)`, true);
          if (shots) await page.screenshot({ path: path.join(shots, `conversions-${locale}-${size.width}-${url.split('/').at(-1)}.png`), fullPage: true });
        }
      }
    }
  } finally {
    await sql.end();
  }
});
