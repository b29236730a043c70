import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signUp } from './support/flows';

/**
 * The survey builder through the browser: a CSAT survey names its groups for CSAT, bad input is
 * refused with field messages, a light brand colour warns, the preview follows the form, and a
 * survey is opened, closed, reopened and deleted (which asks first). PULSE_SHOTS saves screenshots.
 */
const shots = process.env.PULSE_SHOTS;

test('build, check, open, close and delete a survey', async ({ page }) => {
  const owner = await signUp(page, { prefix: 'builder' });
  const w = `/w/${owner.slug}`;

  await page.goto(`${w}/surveys`);
  await page.getByRole('link', { name: 'Create your first survey' }).click();
  await expect(page).toHaveURL(/\/surveys\/new$/);

  await page.getByLabel('Survey name').fill('After-sales CSAT');
  await page.getByLabel('CSAT: how satisfied, 1 to 5').check();
  await expect(page.getByTestId('group-promoter')).toContainText('Satisfied (4–5)');
  await expect(page.getByTestId('group-detractor')).toContainText('Dissatisfied (1–2)');
  await expect(page.getByText('Alert mail for every dissatisfied answer')).toBeVisible();

  // Refused input: a colour that is no hex code, a logo that is no https URL, half a next step.
  await page.getByLabel('Brand colour', { exact: true }).fill('yellow');
  await page.getByLabel('Logo URL').fill('javascript:alert(1)');
  await page.getByTestId('group-passive').getByLabel('Button text').fill('See what is new');
  await page.getByTestId('group-detractor').getByLabel('Follow-up question').fill('What went wrong?');
  await page.getByRole('button', { name: 'Create survey' }).click();
  await expect(page.getByText('Enter a colour as a hex code such as #4f46e5.')).toBeVisible();
  await expect(page.getByText('Enter a web address starting with https://.')).toBeVisible();
  await expect(page.getByTestId('group-passive').getByText('This field is required.')).toBeVisible();
  await expect(page).toHaveURL(/\/surveys\/new$/);

  // White text on a light colour is hard to read: the builder says so (and still allows it).
  await page.getByLabel('Brand colour', { exact: true }).fill('#fde68a');
  await expect(page.getByText(/White text on this colour is hard to read/)).toBeVisible();
  if (shots) await page.screenshot({ path: path.join(shots, 'builder-errors.png'), fullPage: true });
  await page.getByLabel('Brand colour', { exact: true }).fill('#0f766e');
  await expect(page.getByText(/White text on this colour is hard to read/)).toHaveCount(0);
  await page.getByLabel('Logo URL').fill('');
  await page.getByTestId('group-passive').getByLabel('Link (https://…)').fill('https://shop.example/new');

  // The preview follows the form and shows each state.
  await page.getByRole('textbox', { name: /^Question\s?\(optional\)$/ }).fill('How happy are you with your delivery?');
  const preview = page.frameLocator('[data-testid="survey-preview"]');
  await expect(preview.locator('body')).toContainText('How happy are you with your delivery?');
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Follow-up: Dissatisfied (1–2)' });
  await page.getByRole('button', { name: 'Dutch' }).click();
  await expect(page.getByRole('button', { name: 'Dutch' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Create survey' }).click();
  await expect(page).toHaveURL(/\/surveys\/[0-9a-f-]{36}\/edit$/);
  await expect(page.getByRole('heading', { level: 1, name: 'After-sales CSAT' })).toBeVisible();
  await expect(page.getByText('Draft: nobody can answer yet.')).toBeVisible();
  await expect(page.getByTestId('survey-public-url')).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
  const publicUrl = await page.getByTestId('survey-public-url').inputValue();
  await expect(page.getByTestId('survey-snippet')).toHaveValue(new RegExp(`${publicUrl.replace(/[.?/]/g, '\\$&')}\\?score=5`));
  await expect(page.getByTestId('survey-snippet')).toHaveValue(/How happy are you with your delivery\?/);
  await expect(page.getByLabel('Follow-up question').nth(2)).toHaveValue('What went wrong?');

  // Edit and save; the value stays after a reload.
  await page.getByLabel('Change window for personal answers (hours)').fill('24');
  await page.getByRole('button', { name: 'Save survey' }).click();
  await expect(page.getByText('Survey saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Change window for personal answers (hours)')).toHaveValue('24');

  await page.getByTestId('survey-open').click();
  await expect(page.getByText('Open: answers are accepted.')).toBeVisible();
  if (shots) await page.screenshot({ path: path.join(shots, 'builder-open.png'), fullPage: true });
  await page.getByTestId('survey-close').click();
  await expect(page.getByText('Closed: the page says so and stores nothing.')).toBeVisible();
  await expect(page.getByTestId('survey-open')).toHaveText('Reopen');

  await page.goto(`${w}/surveys`);
  const row = page.getByTestId('survey-row-After-sales CSAT');
  await expect(row).toContainText('CSAT (1 to 5)');
  await expect(row).toContainText('Closed');
  await expect(row).toContainText('No answers yet');
  await row.getByRole('link', { name: 'Edit After-sales CSAT' }).click();

  await page.getByTestId('delete-survey').click();
  const dialog = page.getByRole('dialog', { name: 'Delete this survey?' });
  await expect(dialog).toContainText('“After-sales CSAT” will be removed for good. Contacts keep their current group.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('delete-survey').click();
  await dialog.getByRole('button', { name: 'Delete survey and answers' }).click();
  await expect(page).toHaveURL(new RegExp(`${w}/surveys$`));
  await expect(page.getByText('No surveys yet')).toBeVisible();
});
