import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { uniqueEmail } from './support/flows';

const DEMO = { email: 'demo@pulse.localhost', password: 'pulse-demo-2026', workspace: 'Demo Coffee Roasters' };

/** Signs in with the demo login box and returns the demo workspace's slug. */
async function demoSignIn(page: Page): Promise<string> {
  await page.goto('/sign-in');
  await page.getByTestId('demo-login').getByRole('button', { name: 'Use the demo login' }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+\/dashboard$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome to ${DEMO.workspace}`);
  return new URL(page.url()).pathname.split('/')[2];
}

test('the sign-in page offers the demo login, and it signs in', async ({ page }) => {
  await page.goto('/sign-in');
  const box = page.getByTestId('demo-login');
  await expect(box).toBeVisible();
  await expect(box).toContainText('Demo login');
  await expect(box).toContainText(`${DEMO.email} / ${DEMO.password}`);
  await demoSignIn(page);
  await expect(page.getByText('Demo mode: data lives in an embedded database on this machine.')).toBeVisible();
  await expect(page.getByTestId('current-role').filter({ visible: true })).toHaveText('Your role: Owner');
  // The banner sits in a named region (axe: all content inside landmarks), and the page passes axe.
  await expect(page.getByRole('region', { name: 'Demo workspace' })).toContainText('Demo mode');
  await expectNoSeriousA11yViolations(page);
});

test('a test mail that went to the outbox links there, and the outbox lists it', async ({ page }) => {
  const slug = await demoSignIn(page);
  await page.goto(`/w/${slug}/settings/sending`);
  const to = uniqueEmail('demo-test');
  await page.getByLabel('Send to').fill(to);
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Test email placed in the outbox.' })).toBeVisible();
  await page.getByTestId('outbox-link').click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/settings/outbox$`));
  await expect(page.getByTestId('outbox-table').getByRole('row', { name: new RegExp(to) })).toBeVisible();
});

test('the demo shows a year of history: dashboard trend, list health, campaigns and a decided A/B test', async ({ page }) => {
  const slug = await demoSignIn(page);
  // The chart's data table (for screen readers): a header row plus the twelve most recent campaigns.
  const trend = page.getByRole('table', { name: 'CTR and CTOR of recent campaigns' });
  await expect(trend.getByRole('row')).toHaveCount(13);
  await expect(trend).toContainText('newsletter');
  await expect(page.getByText(/^2,\d{3} subscribed contacts$/)).toBeVisible();

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Campaigns' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/campaigns$`));
  // Eighteen campaigns and the two waves of the quarterly NPS survey.
  await expect(page.getByRole('row').filter({ hasText: 'Sent' })).toHaveCount(20);
  await page.getByRole('link', { name: 'Subscribe & save (A/B test)' }).click();
  await expect(page.getByText('Variant B wins.')).toBeVisible();
});

test('the demo asks customers how they feel: the NPS card, two surveys, and a report with mail answers', async ({ page }) => {
  const slug = await demoSignIn(page);
  await expect(page.getByTestId('dashboard-nps-value')).toHaveText(/^[+−-]?\d+(\.\d)?$/);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Surveys' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/surveys$`));
  await expect(page.getByTestId('survey-row-Delivery satisfaction')).toBeVisible();
  await page.getByTestId('survey-row-Quarterly NPS').getByRole('link', { name: 'Quarterly NPS', exact: true }).click();
  await expect(page.getByTestId('survey-score')).toHaveText(/\d/);
  await expect(page.getByTestId('survey-margin')).toContainText('±');
  // Sent twice by mail: a response rate, and link scanners' clicks kept out.
  await expect(page.getByTestId('response-rate')).toContainText('%');
});

test('without SMTP an invitation lands in the outbox, its one-time link withheld even from the inviter', async ({ page }) => {
  const slug = await demoSignIn(page);
  const colleague = uniqueEmail('demo-colleague');

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Members' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/settings/members$`));
  const form = page.getByRole('form', { name: 'Invite a colleague' });
  await form.getByLabel('Email').fill(colleague);
  await form.getByLabel('Role').selectOption({ label: 'Member' });
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(form.getByRole('status')).toHaveText(`Invitation for ${colleague} placed in the outbox.`);

  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Outbox' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/settings/outbox$`));
  const row = page.getByRole('row').filter({ hasText: colleague });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Sent · Outbox');
  const subject = `Demo Owner invited you to ${DEMO.workspace} on Pulse`;
  await row.getByRole('link', { name: subject }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/settings/outbox/[0-9a-f-]{36}$`));
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await expect(page.getByText(`To: ${colleague}`)).toBeVisible();

  // The link belongs to the colleague's mailbox alone (SECURITY.md): not even the owner reads it here.
  await expect(page.getByTestId('mail-masked')).toHaveText(`This message carries a one-time link for ${colleague}. Only its recipient can see its content.`);
  await expect(page.getByTestId('mail-text')).toHaveCount(0);
  await expect(page.locator('iframe')).toHaveCount(0);
  expect(await page.content()).not.toContain('/invite/');
});

test('keyboard: "Skip to content" is the first Tab stop and skips to the main content', async ({ page }) => {
  await page.goto('/sign-in');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  // The next stop is inside <main>, past the header's language picker.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Use the demo login' })).toBeFocused();

  const slug = await demoSignIn(page);
  await page.goto(`/w/${slug}/dashboard`);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
});

test('switching the language to Nederlands and back', async ({ page }) => {
  await demoSignIn(page);
  await expect(page.getByRole('link', { name: 'Settings', exact: true })).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Nederlands' });
  await expect(page.getByRole('link', { name: 'Instellingen', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);

  // The choice is kept on the account: it survives a reload.
  await page.reload();
  await expect(page.getByRole('link', { name: 'Instellingen', exact: true })).toBeVisible();

  await page.getByRole('combobox', { name: 'Taal' }).selectOption({ label: 'English' });
  await expect(page.getByRole('link', { name: 'Settings', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Leave the shared demo account on the workspace default for whoever comes next.
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Workspace default' });
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('workspace');
  await expect(page.getByRole('link', { name: 'Settings', exact: true })).toBeVisible();
});

test('the demo wins back quiet customers: who is drifting away, a live sequence, and its results against control', async ({ page }) => {
  const slug = await demoSignIn(page);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Sequences' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/sequences$`));
  await expect(page.getByRole('heading', { name: 'Who is drifting away' })).toBeVisible();
  // Every tier of the demo's list has people in it (its history spans more than a year).
  for (const tier of ['tier1', 'tier2', 'tier3', 'tier4']) await expect(page.getByTestId(`segment-tier-${tier}`).getByTestId('segment-count')).not.toHaveText('0');
  const name = 'Win-back: quiet for 2–4 months';
  await expect(page.getByTestId(`sequence-row-${name}`)).toContainText('Active');
  await page.getByRole('link', { name: `Results of ${name}` }).click();
  const summary = page.getByTestId('results-summary');
  const figure = (label: string) => summary.getByText(label, { exact: true }).locator('xpath=following-sibling::p[1]');
  await expect(figure('Enrolled')).toHaveText(/^[1-9]\d*$/);
  await expect(figure('Reactivated')).toHaveText(/^[1-9]\d*$/);
  await expect(figure('Sunset')).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId('lift-treatment')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
