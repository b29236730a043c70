import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { e2eSql } from './support/db';
import { signUp } from './support/flows';
import { seedSurveyWithAnswers } from './support/surveys';

/**
 * The survey report with data: the worked example's figures, formulas on hover and keyboard focus,
 * the trend toggle, comment search, the CSV, the dashboard card, Dutch number formatting and the
 * tenant boundary. PULSE_SHOTS=<dir> saves screenshots at 1440 and 390 px in English and Dutch.
 */
test.setTimeout(180_000);
const shots = process.env.PULSE_SHOTS;

async function shoot(page: Page, name: string) {
  if (!shots) return;
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('the survey report shows the NPS with its margin and formulas, filters comments, exports, and stays in its workspace', async ({ page, browser, baseURL }) => {
  const owner = await signUp(page, { prefix: 'report' });
  const survey = await seedSurveyWithAnswers(owner.slug);
  const report = `/w/${owner.slug}/surveys/${survey.id}`;

  await page.goto(report);
  await expect(page.getByRole('heading', { level: 1, name: 'Customer NPS' })).toBeVisible();
  await expect(page.getByTestId('survey-score')).toContainText('+45');
  await expect(page.getByTestId('survey-margin')).toContainText('±10.3');
  await expect(page.getByTestId('survey-answers')).toHaveText('200 confirmed answers');
  await expect(page.getByRole('img', { name: 'NPS +45 on a scale from −100 to +100' })).toBeVisible();
  await expect(page.getByTestId('dutch-note')).toContainText('85.0 % scored 7–10');

  // The formula shows on keyboard focus, not only on hover.
  const score = page.getByTestId('survey-score').locator('[tabindex="0"]');
  await score.focus();
  const tip = page.getByRole('tooltip', { name: /NPS = % promoters − % detractors = 60\.0 % − 15\.0 %/ });
  await expect(tip).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await expect(page.getByTestId('comparison')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'survey report');
  await shoot(page, 'en-report');

  await page.getByRole('link', { name: 'By month' }).click();
  await expect(page).toHaveURL(/period=month/);

  // Comment search is server-side; % is a literal percent sign.
  await page.getByLabel('Search comments').fill('100%');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=100%25/);
  await expect(page.getByTestId('comments-count')).toHaveText('2 comments match');
  await expect(page.getByTestId('comments-list')).toContainText('100% happy');
  await expect(page).toHaveURL(/period=month/);
  // A comment with markup is shown as text.
  await page.getByLabel('Search comments').fill('but');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('comments-list')).toContainText('Price is a bit high, <b>but</b> fine');

  const csv = await page.request.get(`/api/surveys/${survey.id}/responses?workspaceId=${survey.workspaceId}`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).trim().split('\n')).toHaveLength(201);

  await page.goto(`/w/${owner.slug}/dashboard`);
  await expect(page.getByTestId('dashboard-nps-value')).toHaveText('+45');
  await page.getByRole('link', { name: 'Report of “Customer NPS”' }).click();
  await expect(page).toHaveURL(new RegExp(`${report}$`));

  // Dutch: comma decimals.
  await page.context().addCookies([{ name: 'pulse-locale', value: 'nl', url: baseURL! }]);
  await page.goto(report);
  await expect(page.getByTestId('survey-margin')).toContainText('±10,3');
  await expect(page.getByTestId('dutch-note')).toContainText('85,0 %');
  await shoot(page, 'nl-report');
  await page.goto(`/w/${owner.slug}/dashboard`);
  await shoot(page, 'nl-dashboard');

  // Another workspace never sees it: page and CSV are 404 from there.
  const ctx = await browser.newContext();
  const stranger = await ctx.newPage();
  const other = await signUp(stranger, { prefix: 'stranger' });
  const res = await stranger.goto(`/w/${other.slug}/surveys/${survey.id}`);
  expect(res?.status()).toBe(404);
  const sql = e2eSql();
  const [{ id: otherWorkspaceId }] = await sql<{ id: string }[]>`select id from workspaces where slug = ${other.slug}`;
  await sql.end();
  const foreignCsv = await stranger.request.get(`/api/surveys/${survey.id}/responses?workspaceId=${otherWorkspaceId}`);
  expect(foreignCsv.status()).toBe(404);
  await ctx.close();
});

test('a CSAT survey report and an empty survey', async ({ page }) => {
  const owner = await signUp(page, { prefix: 'csat' });
  const survey = await seedSurveyWithAnswers(owner.slug, { kind: 'csat', name: 'Support CSAT' });
  await page.goto(`/w/${owner.slug}/surveys/${survey.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Customer satisfaction (CSAT)' })).toBeVisible();
  await expect(page.getByTestId('survey-score')).toContainText('%');
  await expectNoSeriousA11yViolations(page, 'CSAT report');
  await shoot(page, 'en-csat');

  // No answers yet: the page says how to get them, with the public link.
  const empty = await seedSurveyWithAnswers(owner.slug, { name: 'Fresh', answers: false });
  await page.goto(`/w/${owner.slug}/surveys/${empty.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'No answers yet' })).toBeVisible();
  await expect(page.getByTestId('public-link')).toContainText(`/s/${empty.publicToken}`);
  await expectNoSeriousA11yViolations(page, 'empty report');
  await shoot(page, 'en-empty');
});
