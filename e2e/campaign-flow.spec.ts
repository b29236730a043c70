import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eSql } from './support/db';
import { signUp, uniqueSuffix } from './support/flows';
import { waitForMail } from './support/mail';
import { E2E_PORTS } from './support/ports';

test.setTimeout(180_000);

/**
 * The whole loop of PRODUCT.md §3: import a CSV → write a campaign → send it through real SMTP →
 * open the received mail in the browser and click its button → the report shows the open, the
 * click and the CTR.
 */
test('import, send, open, click, and see it in the report', async ({ page }) => {
  const owner = await signUp(page, { prefix: 'campaign' });
  const tag = uniqueSuffix();
  const ada = `ada-${tag}@example.com`;
  const bob = `bob-${tag}@example.com`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-campaign-'));
  const file = path.join(dir, 'list.csv');
  fs.writeFileSync(file, `email,first name\n${ada},Ada\n${bob},Bob\n`);

  await page.goto(`/w/${owner.slug}/contacts/import`);
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('form', { name: 'Map the columns' }).getByRole('button', { name: 'Start import' }).click();
  // Leaving the page mid-upload would cut the file off: wait for the import's result first.
  await expect(page.getByTestId('import-count-inserted')).toContainText('2', { timeout: 30_000 });
  await page.goto(`/w/${owner.slug}/contacts`);
  await expect(page.getByText(ada)).toBeVisible({ timeout: 30_000 });

  await page.goto(`/w/${owner.slug}/campaigns/new`);
  await page.getByLabel('Campaign name').fill(`Launch ${tag}`);
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
  const campaignId = page.url().split('/').at(-2)!;

  await page.getByLabel('Subject').fill('Hello {{ first_name | "there" }}');
  await page.getByRole('button', { name: '+ Heading' }).click();
  await page.getByRole('listitem', { name: 'Heading 1' }).getByLabel('Text').fill('Our launch');
  await page.getByRole('button', { name: '+ Button' }).click();
  const button = page.getByRole('listitem', { name: 'Button 2' });
  await button.getByLabel('Text').fill('See it');
  const target = `http://127.0.0.1:${E2E_PORTS.postgresApp}/sign-in?from=mail`;
  await button.getByLabel('Link (https://…)').fill(target);
  await expect(page.frameLocator('iframe[title="Preview of the mail"]').getByText('Our launch')).toBeVisible();
  await page.getByRole('button', { name: 'Send now' }).click();
  await page.getByRole('dialog', { name: 'Send this campaign now?' }).getByRole('button', { name: 'Send to 2 recipients' }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}$`));

  const mail = await waitForMail(ada, 60_000);
  expect(mail.subject).toBe('Hello Ada');
  expect(mail.headers['list-unsubscribe']).toMatch(/\/t\/u\//);
  expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  expect(mail.html).not.toContain(target);
  await waitForMail(bob, 60_000);

  // Opens and clicks in the first minute after delivery count as proxy/scanner traffic; make the
  // delivery a few minutes old, as it would be by the time a person reads it.
  const sql = e2eSql();
  try {
    // The sink has the mails a moment before the worker records them as sent: wait for that first.
    await expect
      .poll(async () => (await sql`select count(*)::int as n from campaign_sends where campaign_id = ${campaignId} and status = 'sent'`)[0].n, { timeout: 30_000 })
      .toBe(2);
    await sql`update campaign_sends set sent_at = now() - interval '5 minutes' where campaign_id = ${campaignId}`;
  } finally {
    await sql.end();
  }

  const reader = await page.context().newPage();
  const pixel = reader.waitForResponse((r) => r.url().includes('/t/o/'));
  await reader.setContent(mail.html);
  expect((await pixel).status()).toBe(200);
  await reader.getByRole('link', { name: 'See it' }).click();
  await expect(reader).toHaveURL(/\/(sign-in|w\/)/);
  await reader.close();

  await expect(async () => {
    await page.goto(`/w/${owner.slug}/campaigns/${campaignId}`);
    await expect(page.getByText('Unique opens').locator('..').getByText('1', { exact: true })).toBeVisible({ timeout: 1_000 });
    await expect(page.getByText('Unique clicks').locator('..').getByText('1', { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByText('Click-through rate (CTR)').locator('..').getByText(/^50\.0 %/)).toBeVisible();
  await expect(page.getByText('Delivered', { exact: true }).first().locator('..').getByText('2', { exact: true })).toBeVisible();

  // Drill-down: who clicked, on the page and as CSV.
  await page.getByRole('link', { name: 'Clicked', exact: true }).click();
  await expect(page.locator('#recipients').getByRole('link', { name: ada })).toBeVisible();
  await expect(page.locator('#recipients').getByRole('link', { name: bob })).toHaveCount(0);
  const csvHref = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(ada);
  expect(text).not.toContain(bob);

  // Once sent, the dashboard charts CTR and CTOR across campaigns.
  await expect(async () => {
    await page.goto(`/w/${owner.slug}/dashboard`);
    await expect(page.getByRole('heading', { name: 'CTR and CTOR of recent campaigns' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'CTR and CTOR of recent campaigns' })).toHaveCount(1);
});
