import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { e2eSql } from './support/db';
import { signUp, uniqueSuffix } from './support/flows';
import { waitForMail } from './support/mail';

test.setTimeout(180_000);

/** PULSE_SHOTS=<dir> keeps screenshots of what a person sees, for a look by eye. */
async function shot(page: Page, name: string) {
  const dir = process.env.PULSE_SHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** No element wider than the viewport: nothing to scroll sideways on a phone. */
async function expectNoSideScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/**
 * A campaign with a survey block: the editor offers the workspace's surveys and previews the score
 * row; the sent mail holds each recipient's own 11 score links and stays one row on a 390 px phone.
 */
test('embed a survey in a campaign, send it, read the score row on a phone', async ({ page, browser }) => {
  const owner = await signUp(page, { prefix: 'survey-mail' });
  const tag = uniqueSuffix();
  const ada = `ada-${tag}@example.com`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-survey-mail-'));
  const file = path.join(dir, 'list.csv');
  fs.writeFileSync(file, `email,first name\n${ada},Ada\n`);
  await page.goto(`/w/${owner.slug}/contacts/import`);
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('form', { name: 'Map the columns' }).getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByTestId('import-count-inserted')).toContainText('1', { timeout: 30_000 });

  // The survey itself is built elsewhere (the survey builder); here it only has to exist, open.
  const sql = e2eSql();
  try {
    await sql`insert into surveys (workspace_id, name, status, public_token, brand_color)
              select id, ${`Customer NPS ${tag}`}, 'open', ${`tok${tag}`.padEnd(22, 'x').slice(0, 22)}, '#0f766e' from workspaces where slug = ${owner.slug}`;
  } finally {
    await sql.end();
  }

  await page.goto(`/w/${owner.slug}/campaigns/new`);
  await page.getByLabel('Campaign name').fill(`NPS ${tag}`);
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
  await page.getByLabel('Subject').fill('Quick question, {{ first_name | "there" }}');
  await page.getByRole('button', { name: '+ Text' }).click();
  await page.getByRole('listitem', { name: 'Text 1' }).getByRole('textbox', { name: 'Text', exact: true }).fill('We would love to hear how we are doing.');
  await page.getByRole('button', { name: '+ Survey' }).click();
  const block = page.getByRole('listitem', { name: 'Survey 2' });
  await expect(block.getByRole('combobox', { name: 'Survey' })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByRole('button', { name: '+ Survey' })).toHaveCount(0); // one per campaign
  const preview = page.frameLocator('iframe[title="Preview of the mail"]');
  await expect(preview.getByText('How likely is it that you would recommend us')).toBeVisible();
  await expect(preview.getByRole('link', { name: '10 out of 10' })).toHaveAttribute('href', /\/s\/tok.*\?score=10$/);

  // The audience picker offers the NPS groups with their counts.
  await page.getByLabel('Audience', { exact: true }).selectOption('npsCategory');
  await expect(page.getByRole('checkbox', { name: /Promoters \(0\)/ })).toBeChecked();
  await expect(page.getByTestId('audience-count')).toHaveText('No subscribed recipients');
  await expectNoSeriousA11yViolations(page, 'campaign editor with a survey block and NPS audience');
  await page.getByLabel('Audience', { exact: true }).selectOption('all');
  await expect(page.getByTestId('audience-count')).toHaveText('1 subscribed recipient');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await shot(page, 'editor-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSideScroll(page);
  await shot(page, 'editor-390');
  if (process.env.PULSE_SHOTS) await page.locator('section', { has: page.locator('iframe') }).screenshot({ path: path.join(process.env.PULSE_SHOTS, 'preview-390.png') });
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByRole('button', { name: 'Send now' }).click();
  await page.getByRole('dialog', { name: 'Send this campaign now?' }).getByRole('button', { name: 'Send to 1 recipient' }).click();
  const mail = await waitForMail(ada, 60_000);
  const scores = [...mail.html.matchAll(/href="(http[^"]+\/t\/s\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)"/g)].map((m) => m[1]);
  expect(new Set(scores).size).toBe(11);
  expect(mail.html).toMatch(/\/s\/p\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"/);
  for (const url of scores) expect(mail.text).toContain(url);

  // The mail on a 390 px and a 320 px phone: one row of 11 buttons, nothing to scroll sideways.
  for (const width of [390, 320]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const phone = await context.newPage();
    await phone.route('**/t/o/**', (route) => route.fulfill({ status: 204 })); // no open recorded for a look
    await phone.setContent(mail.html);
    await expectNoSideScroll(phone);
    await expectNoSeriousA11yViolations(phone, `survey mail at ${width} px`);
    const boxes = await phone.getByRole('link', { name: /out of 10$/ }).evaluateAll((links) => links.map((a) => a.getBoundingClientRect()));
    expect(boxes).toHaveLength(11);
    expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
    expect(Math.min(...boxes.map((b) => b.width))).toBeGreaterThanOrEqual(20);
    expect(Math.min(...boxes.map((b) => b.height))).toBeGreaterThanOrEqual(40);
    await shot(phone, `mail-${width}`);
    await context.close();
  }
});
