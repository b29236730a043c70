import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { signUp, uniqueSuffix } from './support/flows';
import { expectNoForeignStrings, foreignStrings, type Locale } from './support/locale-leaks';

/**
 * The sequence builder through the browser: a sequence from the 5-step template with its default
 * gaps, a gap changed until the length warning shows, step 1's subject edited in the campaign
 * editor and back, and activation behind its confirmation. PULSE_SHOTS saves screenshots.
 */
const shots = process.env.PULSE_SHOTS;

test('build a sequence from the template, tune it, edit a step mail and activate it', async ({ page, browser }) => {
  const owner = await signUp(page, { prefix: 'sequence' });
  const w = `/w/${owner.slug}`;
  const name = `Win back ${uniqueSuffix()}`;

  await page.goto(`${w}/sequences`);
  await expect(page.getByTestId('sequences-empty')).toBeVisible();
  await page.getByRole('link', { name: 'Create your first sequence' }).click();
  await expect(page).toHaveURL(/\/sequences\/new$/);

  // The template's website is required and must be a web address.
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Your website').fill('not a url');
  await page.getByRole('button', { name: 'Create sequence' }).click();
  await expect(page.getByText('Enter a full web address starting with https:// or http://.')).toBeVisible();
  await page.getByLabel('Your website').fill('https://shop.example/new');
  await expect(page.getByRole('checkbox', { name: /61–120 days/ })).toBeChecked();
  await expect(page.getByTestId('sequence-audience-count')).toHaveText('No subscribed contact matches right now.');
  await page.getByRole('button', { name: 'Create sequence' }).click();

  await expect(page).toHaveURL(/\/sequences\/[0-9a-f-]{36}$/);
  const builderUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('sequence-status')).toHaveText('Draft');
  const steps = page.getByTestId('sequence-steps').locator(':scope > li');
  await expect(steps).toHaveCount(5);
  await expect(page.getByTestId('step-1')).toContainText('Acknowledgement');
  await expect(page.getByTestId('step-5')).toContainText('Last chance');
  await expect(page.getByTestId('step-gap-1')).toHaveText('When a contact enters');
  await expect(page.getByTestId('step-gap-2')).toHaveText('5–7 days after step 1');
  await expect(page.getByTestId('step-gap-3')).toHaveText('7–10 days after step 2');
  await expect(page.getByTestId('step-gap-4')).toHaveText('7–10 days after step 3');
  await expect(page.getByTestId('step-gap-5')).toHaveText('10–14 days after step 4');
  await expect(page.getByTestId('sequence-span')).toContainText('29–41 days');
  await expect(page.getByTestId('sequence-length-warning')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'sequence builder');

  // Stretch the last gap: even the shortest path now takes over 8 weeks, and the builder says so.
  await page.getByLabel('Wait before step 5: At the latest (days)').fill('45');
  await page.getByLabel('Wait before step 5: At the earliest (days)').fill('40');
  await expect(page.getByTestId('step-gap-5')).toHaveText('40–45 days after step 4');
  await expect(page.getByTestId('sequence-length-warning')).toContainText('Over 8 weeks');
  if (shots) await page.screenshot({ path: path.join(shots, 'sequence-warning.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('step-gap-5')).toHaveText('40–45 days after step 4');
  await expect(page.getByTestId('sequence-length-warning')).toContainText('Over 8 weeks');

  // Step 1's mail in the campaign editor: no audience, schedule or A/B — the sequence sends it.
  await page.getByRole('link', { name: 'Edit mail: step 1' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
  await expect(page.getByTestId('step-back')).toHaveText(`Step 1 of ${name}`);
  await expect(page.getByRole('heading', { name: 'Audience', exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'A/B test' })).toHaveCount(0);
  await expect(page.getByText(/\{\{ days_away \}\}/).first()).toBeVisible();
  await page.getByLabel('Subject', { exact: true }).fill('We miss you, {{ first_name | "friend" }}');
  await page.getByRole('button', { name: 'Save mail' }).click();
  await expect(page.getByText('Mail saved.')).toBeVisible();
  await page.getByTestId('step-back').click();
  await expect(page).toHaveURL(builderUrl);
  await expect(page.getByTestId('step-subject-1')).toHaveText('We miss you, {{ first_name | "friend" }}');

  // Activation asks first and says what happens to the contacts.
  await page.getByTestId('sequence-activate').click();
  const dialog = page.getByRole('dialog', { name: `Activate “${name}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('enters once');
  await expect(dialog).toContainText('10 % of them are held out as the control group');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('sequence-status')).toHaveText('Draft');
  await page.getByTestId('sequence-activate').click();
  await dialog.getByRole('button', { name: 'Activate and start sending' }).click();
  await expect(page.getByTestId('sequence-status')).toHaveText('Active');
  await expect(page.getByText('The sequence is running. Pause it to change its settings')).toBeVisible();
  await expect(page.getByTestId('sequence-pause')).toBeVisible();
  if (shots) await page.screenshot({ path: path.join(shots, 'sequence-active.png'), fullPage: true });

  // Another workspace's member meets a plain 404 on the builder and on a step's mail.
  const stepUrl = new URL(await page.getByRole('link', { name: 'Edit mail: step 2' }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
  const stranger = await browser.newContext();
  try {
    const other = await stranger.newPage();
    const b = await signUp(other, { prefix: 'sequence-stranger' });
    const builderPath = new URL(builderUrl).pathname;
    // A's ids under A's workspace, and under B's own workspace (the tenant is in the WHERE, not only the URL).
    for (const url of [builderPath, stepUrl, builderPath.replace(`/w/${owner.slug}/`, `/w/${b.slug}/`), stepUrl.replace(`/w/${owner.slug}/`, `/w/${b.slug}/`)]) {
      const response = await other.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(other.getByRole('heading', { level: 1 })).toHaveText('Not found');
    }
  } finally {
    await stranger.close();
  }

  // Listed under Sequences; its five mails are not in the campaign list.
  await page.goto(`${w}/sequences`);
  await expect(page.getByTestId(`sequence-row-${name}`)).toContainText('Active');
  await page.goto(`${w}/campaigns`);
  await expect(page.getByText(name)).toHaveCount(0);
});

test('the sequence pages pass axe, speak one language and fit at 1440 and 390 px', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const owner = await signUp(page, { prefix: 'sequence-pages' });
  const w = `/w/${owner.slug}`;
  await page.goto(`${w}/sequences/new?behaviour=stoppedBuying`);
  await expect(page.getByRole('radio', { name: /Past buyers who stopped buying/ })).toBeChecked();
  await page.getByLabel('Name').fill('Lapsed buyers');
  await page.getByLabel('Your website').fill('https://shop.example');
  await page.getByRole('button', { name: 'Create sequence' }).click();
  await expect(page).toHaveURL(/\/sequences\/[0-9a-f-]{36}$/);
  const builder = new URL(page.url()).pathname;
  const stepEditor = new URL(await page.getByRole('link', { name: 'Edit mail: step 5' }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
  const pages = [`${w}/sequences`, `${w}/sequences/new`, builder, stepEditor];

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
        if (shots) await page.screenshot({ path: path.join(shots, `${locale}-${size.width}-${url.replace(/^\/w\/[^/]+/, '').replace(/[^a-z0-9]+/gi, '_')}.png`), fullPage: true });
      }
    }
  }
});
