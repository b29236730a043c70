import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { e2eSql } from './support/db';
import { alertWith, signUp, uniqueSuffix } from './support/flows';
import { waitForMail } from './support/mail';
import { E2E_PORTS } from './support/ports';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expectNoForeignStrings, foreignStrings } from './support/locale-leaks';

test.setTimeout(240_000);

const SHOTS = 'test-results/report-shots';

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function noSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/**
 * Issue 6, items 3, 4 and 10 as a user meets them: form errors that clear, a "Send now" that asks
 * with the audience count, one status on every page, the workspace's time zone on the schedule
 * field, and a report that explains inferred opens, small samples, links and its own time axis.
 */
test('send with confirmation, one status everywhere, and a report that explains itself', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  const owner = await signUp(page, { prefix: 'report' });
  const tag = uniqueSuffix();
  const ada = `ada-${tag}@example.com`;
  const bob = `bob-${tag}@example.com`;
  const longUrl = `http://127.0.0.1:${E2E_PORTS.postgresApp}/sign-in?from=mail&campaign=spring-launch-${tag}&utm_source=newsletter&utm_medium=email&utm_content=hero-button-long`;
  const sql = e2eSql();
  try {
    const [ws] = await sql<{ id: string }[]>`select id from workspaces where slug = ${owner.slug}`;
    await sql`insert into contacts (workspace_id, email, first_name) values (${ws.id}, ${ada}, 'Ada'), (${ws.id}, ${bob}, 'Bob')`;

    await page.goto(`/w/${owner.slug}/campaigns/new`);
    await page.getByLabel('Campaign name').fill(`Spring ${tag}`);
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
    const campaignId = page.url().split('/').at(-2)!;
    const editUrl = page.url();

    // Item 4: the schedule field is on the workspace's clock, and says which one.
    await expect(page.getByLabel('Send at (Europe/Amsterdam)')).toBeVisible();
    await expect(page.getByText(/^Suggested: .+\(Europe\/Amsterdam\)$/)).toBeVisible();

    // Item 10: "Add a subject" appears once, and is gone after the subject is fixed and saved.
    await page.getByRole('button', { name: '+ Heading' }).click();
    await page.getByRole('listitem', { name: 'Heading 1' }).getByLabel('Text').fill('Spring is here');
    await page.getByRole('button', { name: 'Send now' }).click();
    await expect(alertWith(page, 'Add a subject before sending.')).toHaveCount(1);
    await page.getByRole('button', { name: /^Send test/ }).click();
    await expect(alertWith(page, 'Add a subject before sending.')).toHaveCount(1);
    await page.getByLabel('Subject').fill('Spring beans for {{ first_name | "you" }}');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Draft saved.' })).toBeVisible();
    await expect(alertWith(page, 'Add a subject before sending.')).toHaveCount(0);

    await page.getByRole('button', { name: '+ Button' }).click();
    const button = page.getByRole('listitem', { name: 'Button 2' });
    await button.getByLabel('Text').fill('See the beans');
    await button.getByLabel('Link (https://…)').fill(longUrl);

    // Item 4: "Send now" asks, with the audience count; Cancel changes nothing.
    await page.getByRole('button', { name: 'Send now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send this campaign now?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('It goes to 2 subscribed recipients right away.');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await shoot(page, 'confirm-1440-en');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Send now' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    const [before] = await sql<{ status: string }[]>`select status from campaigns where id = ${campaignId}`;
    expect(before.status).toBe('draft');

    await page.getByRole('button', { name: 'Send now' }).click();
    await dialog.getByRole('button', { name: 'Send to 2 recipients' }).click();
    // After sending, the report is the campaign's page, and it and the list agree on the status.
    await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}$`));
    await waitForMail(ada, 60_000);
    const mail = await waitForMail(bob, 60_000);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('campaign-status')).toHaveText('Sent', { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: 'Unschedule' })).toHaveCount(0);
    await page.goto(`/w/${owner.slug}/campaigns`);
    const row = page.getByRole('row').filter({ hasText: `Spring ${tag}` });
    await expect(row.getByText('Sent', { exact: true })).toBeVisible();
    await page.goto(editUrl);
    await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}$`));

    // Item 5: links in the mail use the origin the app was reached on, not localhost.
    expect(mail.html).toContain(`http://127.0.0.1:${E2E_PORTS.postgresApp}/t/c/`);
    expect(mail.html).not.toContain('localhost');

    // Ada clicks with images off (no pixel); Bob opens and clicks. A few minutes after delivery,
    // as a person reads it (the first minute counts as machine traffic).
    await sql`update campaign_sends set sent_at = now() - interval '5 minutes' where campaign_id = ${campaignId}`;
    const adaMail = await waitForMail(ada);
    const adaClick = /href="([^"]*\/t\/c\/[^"]+)"/.exec(adaMail.html)![1].replace(/&amp;/g, '&');
    const reader = await page.context().newPage();
    await reader.goto(adaClick);
    await reader.setContent(mail.html);
    await reader.getByRole('link', { name: 'See the beans' }).click();
    await expect(reader).toHaveURL(/\/(sign-in|w\/)/);
    await reader.close();

    const report = `/w/${owner.slug}/campaigns/${campaignId}`;
    await expect(async () => {
      await page.goto(report);
      await expect(page.getByText('Unique clicks').locator('..').getByText('2', { exact: true })).toBeVisible({ timeout: 1_000 });
      await expect(page.getByTestId('inferred-opens')).toBeVisible({ timeout: 1_000 });
      await expect(page.getByText(/^Per minute: each recipient's first open and first click/)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 60_000 });

    // Item 3: the report explains itself.
    await expect(page.getByText('Unique opens').locator('..').getByText('2', { exact: true })).toBeVisible();
    await expect(page.getByTestId('inferred-opens')).toHaveText('Includes 1 person who clicked with images off: the open is inferred from the click.');
    await expect(page.getByText(/^[1-9]\d* opens? counted by the tracking pixel/)).toBeVisible();
    await expect(page.getByText('of 2 recipients', { exact: true })).toBeVisible();
    await expect(page.getByText('2 people · 0 machines').first()).toBeVisible();
    const header = page.getByTestId('report-header');
    await expect(header).toContainText('Spring beans for {{ first_name | "you" }}');
    await expect(header).toContainText('All subscribed contacts');
    await expect(header).toContainText(/Sent.*2\d{3}.*\(Europe\/Amsterdam\)/);
    await expect(page.getByTestId('small-sample')).toContainText('Based on 2 delivered mails: under 100');
    const links = page.getByTestId('links-table');
    await expect(links.getByText(longUrl, { exact: true })).toBeVisible();
    await expect(links.getByText(longUrl, { exact: true })).toHaveAttribute('title', longUrl);
    const recipients = page.getByTestId('recipients-table');
    await expect(recipients.getByRole('columnheader', { name: 'Variant' })).toHaveCount(0);
    await expect(recipients.getByRole('row').filter({ hasText: ada })).toContainText('opened (inferred from click)');
    await expect(recipients.getByRole('row').filter({ hasText: bob })).not.toContainText('inferred');
    await noSideScroll(page);
    await expectNoSeriousA11yViolations(page, 'report 1440 en');
    await expectNoForeignStrings(page, 'en', foreignStrings('en'));
    await shoot(page, 'report-1440-en');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByTestId('inferred-opens')).toBeVisible();
    await noSideScroll(page);
    await shoot(page, 'report-390-en');

    // Dutch, on a phone: the same explanations, in Dutch, with Dutch plurals.
    await page.context().addCookies([{ name: 'pulse-locale', value: 'nl', url: page.url() }]);
    await page.reload();
    await expect(page.getByTestId('inferred-opens')).toHaveText('Inclusief 1 persoon die klikte met afbeeldingen uit: de open is afgeleid uit de klik.');
    await expect(page.getByText('van 2 ontvangers', { exact: true })).toBeVisible();
    await expect(page.getByTestId('small-sample')).toContainText('Gebaseerd op 2 afgeleverde mails');
    await expect(page.getByTestId('recipients-table').getByRole('row').filter({ hasText: ada })).toContainText('geopend (afgeleid uit klik)');
    await noSideScroll(page);
    await expectNoSeriousA11yViolations(page, 'report 390 nl');
    await expectNoForeignStrings(page, 'nl', foreignStrings('nl'));
    await shoot(page, 'report-390-nl');
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.reload();
    await shoot(page, 'report-1440-nl');
  } finally {
    await sql.end();
  }
});

test('schedule for later on the workspace clock; the card and the list agree; Dutch on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const owner = await signUp(page, { prefix: 'schedule' });
  const tag = uniqueSuffix();
  const sql = e2eSql();
  try {
    const [ws] = await sql<{ id: string }[]>`select id from workspaces where slug = ${owner.slug}`;
    await sql`update workspaces set timezone = 'America/New_York' where id = ${ws.id}`;
    await sql`insert into contacts (workspace_id, email) values (${ws.id}, ${`c-${tag}@example.com`})`;
    await page.goto(`/w/${owner.slug}/campaigns/new`);
    await page.getByLabel('Campaign name').fill(`Later ${tag}`);
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expect(page).toHaveURL(/\/edit$/);
    const campaignId = page.url().split('/').at(-2)!;
    await page.getByLabel('Subject').fill('Later');
    await page.getByRole('button', { name: '+ Heading' }).click();
    await page.getByRole('listitem', { name: 'Heading 1' }).getByLabel('Text').fill('Soon');
    const when = page.getByLabel('Send at (America/New_York)');
    await when.fill('2031-07-15T09:30');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Scheduled.' })).toBeVisible();
    // 09:30 in New York in July is 13:30 UTC, whatever the browser's own zone.
    await expect.poll(async () => (await sql<{ at: Date }[]>`select scheduled_at as at from campaigns where id = ${campaignId}`)[0].at.toISOString()).toBe('2031-07-15T13:30:00.000Z');
    await expect(page.getByText(/Goes out .*2031.*9:30.*\(America\/New_York\)/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unschedule' })).toBeVisible();
    await noSideScroll(page);
    await shoot(page, 'editor-390-en');
    await page.goto(`/w/${owner.slug}/campaigns`);
    await expect(page.getByRole('row').filter({ hasText: `Later ${tag}` }).getByText('Scheduled', { exact: true })).toBeVisible();

    await page.context().addCookies([{ name: 'pulse-locale', value: 'nl', url: page.url() }]);
    await page.goto(`/w/${owner.slug}/campaigns/${campaignId}/edit`);
    await expect(page.getByLabel('Versturen op (America/New_York)')).toHaveValue('2031-07-15T09:30');
    await page.getByRole('button', { name: 'Nu versturen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deze campagne nu versturen?' });
    await expect(dialog).toContainText('Hij gaat meteen naar 1 ingeschreven ontvanger.');
    await expect(dialog.getByRole('button', { name: 'Versturen naar 1 ontvanger' })).toBeVisible();
    await noSideScroll(page);
    await shoot(page, 'confirm-390-nl');
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await expect(dialog).toBeHidden();
    const [after] = await sql<{ status: string; at: Date }[]>`select status, scheduled_at as at from campaigns where id = ${campaignId}`;
    expect(after.status).toBe('scheduled');
    expect(after.at.toISOString()).toBe('2031-07-15T13:30:00.000Z');
    await page.setViewportSize({ width: 1440, height: 1000 });
    await shoot(page, 'editor-1440-nl');
  } finally {
    await sql.end();
  }
});
