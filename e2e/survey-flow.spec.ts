import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { CLICK_SCANNER_WINDOW_SECONDS } from '@/lib/tracking/classify';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { e2eSql } from './support/db';
import { signUp, uniqueSuffix } from './support/flows';
import { waitForMail } from './support/mail';

/**
 * Issue 8, item 9: the whole survey loop through the real browser and the real app. Build an NPS
 * survey → answer its public link on a phone with JavaScript off (a promoter gets the review link, a
 * detractor the exit question, by keyboard) → send it to the contacts as a campaign, click a score in
 * the received mail and confirm it on the personal page → the report, the dashboard card, the
 * contacts filter and a segment count all show the three answers (2 promoters, 1 detractor: NPS +33.3).
 */
test.setTimeout(300_000);

/** A phone: 390 × 844, touch, and a real mobile browser's user agent (a headless one reads as a link scanner). */
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 3,
  locale: 'en-US',
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};

async function phone(browser: Browser, baseURL: string, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, baseURL, javaScriptEnabled });
  return context.newPage();
}

/** No element wider than the viewport: nothing to scroll sideways on a phone. */
async function expectNoSideScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

test('build an NPS survey, answer it on a phone and by mail, and see the report, dashboard and segments change', async ({ page, browser, baseURL }) => {
  const owner = await signUp(page, { prefix: 'survey-flow' });
  const w = `/w/${owner.slug}`;
  const tag = uniqueSuffix();
  const [ada, bob, cy] = ['ada', 'bob', 'cy'].map((n) => `${n}-${tag}@example.com`);
  const reviewUrl = `https://reviews.example.com/acme-${tag}`;

  // Before any answer the dashboard's NPS card is empty.
  await expect(page.getByTestId('dashboard-nps-empty')).toBeVisible();

  // ── 1. Settings → Review & referral, and three contacts ─────────────────────────────────────
  await page.goto(`${w}/settings/links`);
  const links = page.getByRole('form', { name: 'Review & referral' });
  await links.getByLabel('Review page URL').fill(reviewUrl);
  await links.getByRole('button', { name: 'Save changes' }).click();
  await expect(links.getByRole('status')).toHaveText('Saved.');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-survey-flow-'));
  const file = path.join(dir, 'list.csv');
  fs.writeFileSync(file, `email,first name\n${ada},Ada\n${bob},Bob\n${cy},Cy\n`);
  await page.goto(`${w}/contacts/import`);
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('form', { name: 'Map the columns' }).getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByTestId('import-count-inserted')).toContainText('3', { timeout: 30_000 });

  // ── 2. Build the survey in the builder, open it, read its public link ───────────────────────
  await page.goto(`${w}/surveys/new`);
  const name = `Customer NPS ${tag}`;
  await page.getByLabel('Survey name').fill(name);
  await page.getByLabel('NPS: how likely to recommend, 0 to 10').check();
  await page.getByTestId('group-detractor').getByLabel('Follow-up question').fill('What went wrong?');
  await page.getByTestId('group-detractor').getByLabel('Thank-you text').fill('Sorry to hear that. We will do better.');
  await page.getByTestId('group-promoter').getByLabel('Thank-you text').fill('Thank you, you made our day!');
  await page.getByRole('button', { name: 'Create survey' }).click();
  await expect(page).toHaveURL(/\/surveys\/[0-9a-f-]{36}\/edit$/, { timeout: 20_000 });
  const surveyId = page.url().split('/').at(-2)!;
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByTestId('survey-open').click();
  await expect(page.getByText('Open: answers are accepted.')).toBeVisible();
  const publicUrl = await page.getByTestId('survey-public-url').inputValue();
  expect(publicUrl).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);
  const publicPath = new URL(publicUrl).pathname;

  // axe needs JavaScript in the page: the same page with it on (the script only adds touches).
  const look = await phone(browser, baseURL!, true);
  await look.goto(publicPath);
  await expect(look.getByRole('radio')).toHaveCount(11);
  await expectNoSeriousA11yViolations(look, 'public survey page, 390 px');
  await look.context().close();

  // ── 3a. A promoter on a phone with JavaScript off: score 10 → the review link ───────────────
  const promoter = await phone(browser, baseURL!, false);
  // The review site itself is outside this test: whatever the redirect lands on answers here.
  await promoter.context().route(`${reviewUrl}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Reviews</title><h1>Review page</h1>' }));
  await promoter.goto(publicPath);
  await expect(promoter.getByRole('radio')).toHaveCount(11);
  await expectNoSideScroll(promoter);
  await promoter.getByRole('radio', { name: '10', exact: true }).tap();
  await expect(promoter.getByRole('radio', { name: '10', exact: true })).toBeChecked();
  await promoter.getByRole('button', { name: 'Send' }).tap();
  await expect(promoter).toHaveURL(new RegExp(`${publicPath}/thanks$`));
  await expect(promoter.locator('h1')).toHaveText('Thank you, you made our day!');
  await expect(promoter.getByText('Your score: 10')).toBeVisible();
  const review = promoter.getByRole('link', { name: 'Write a review' });
  await expect(review).toHaveAttribute('href', `${publicPath}/go/review`);
  await expectNoSideScroll(promoter);
  await review.tap();
  // The follow-up redirect appends the click id of this click (conversion attribution).
  await expect(promoter).toHaveURL(new RegExp(`^${reviewUrl}\\?pulse_cid=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{16}$`));
  await expect(promoter.getByRole('heading', { name: 'Review page' })).toBeVisible();
  await promoter.context().close();

  // ── 3b. A detractor on a phone with JavaScript off, by keyboard: score 2 → the exit question ─
  const detractor = await phone(browser, baseURL!, false);
  await detractor.goto(publicPath);
  await detractor.getByRole('radio', { name: '0', exact: true }).focus();
  await detractor.keyboard.press('ArrowRight');
  await detractor.keyboard.press('ArrowRight');
  await expect(detractor.getByRole('radio', { name: '2', exact: true })).toBeChecked();
  await expect(detractor.getByRole('radio', { name: '2', exact: true })).toBeFocused();
  await detractor.keyboard.press('Space'); // Space on the focused, checked radio keeps it
  await expect(detractor.getByRole('radio', { name: '2', exact: true })).toBeChecked();
  await detractor.keyboard.press('Tab'); // → the comment box
  await detractor.keyboard.press('Tab'); // → Send
  await expect(detractor.getByRole('button', { name: 'Send' })).toBeFocused();
  await detractor.keyboard.press('Enter');
  await expect(detractor).toHaveURL(new RegExp(`${publicPath}/thanks$`));
  await expect(detractor.locator('h1')).toHaveText('Sorry to hear that. We will do better.');
  await expect(detractor.getByText('Your score: 2')).toBeVisible();
  await expect(detractor.getByRole('link', { name: 'Write a review' })).toHaveCount(0);
  const exit = detractor.getByLabel('What went wrong?');
  await expect(exit).toBeVisible();
  await exit.fill('The parcel was <b>late</b> & broken');
  await detractor.getByRole('button', { name: 'Send' }).tap();
  await expect(detractor).toHaveURL(new RegExp(`${publicPath}/thanks\\?done=1$`));
  await expect(detractor.locator('h1')).toHaveText('Sorry to hear that. We will do better.');
  await expect(detractor.getByLabel('What went wrong?')).toHaveCount(0);
  await detractor.context().close();

  // ── 4. Send the survey to the contacts: "Send this survey" → campaign editor → send now ──────
  await page.goto(`${w}/surveys/${surveyId}/edit`);
  await page.getByTestId('send-survey').click();
  const sendDialog = page.getByRole('dialog', { name: `Send this survey: ${name}` });
  await expect(sendDialog).toBeVisible();
  await sendDialog.getByRole('button', { name: 'Create campaign draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/, { timeout: 20_000 });
  const campaignId = page.url().split('/').at(-2)!;
  await expect(page.getByTestId('audience-count')).toHaveText('3 subscribed recipients', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Send now' }).click();
  await page.getByRole('dialog', { name: 'Send this campaign now?' }).getByRole('button', { name: 'Send to 3 recipients' }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaignId}$`), { timeout: 20_000 });

  const mail = await waitForMail(ada, 120_000);
  // The score button for 9 in Ada's own mail.
  const reader = await browser.newContext({ ...PHONE });
  const mailView = await reader.newPage();
  await mailView.route('**/t/o/**', (route) => route.fulfill({ status: 204 })); // a look at the mail is no open
  await mailView.setContent(mail.html);
  const nine = await mailView.getByRole('link', { name: /^9 out of 10$/ }).getAttribute('href');
  await reader.close();
  expect(nine).toMatch(/\/t\/s\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  expect(mail.text).toContain(nine!);

  // A click within CLICK_SCANNER_WINDOW_SECONDS of sent_at is a link scanner's (lib/surveys/score-click.ts).
  // A person reads the mail later: wait until Ada's delivery is older than that window.
  const sql = e2eSql();
  try {
    await expect
      .poll(
        async () => {
          const [row] = await sql<{ age: number | null }[]>`
            select extract(epoch from (now() - s.sent_at))::float8 as age
              from campaign_sends s join contacts c on c.id = s.contact_id
             where s.campaign_id = ${campaignId} and c.email = ${ada}`;
          return row?.age ?? -1;
        },
        { timeout: 120_000, intervals: [1_000], message: 'Ada’s send is older than the scanner window' },
      )
      .toBeGreaterThan(CLICK_SCANNER_WINDOW_SECONDS + 1);
  } finally {
    await sql.end();
  }

  // Ada taps 9 in her mail on her phone: her personal page shows the score, picked, with the follow-up.
  const adaPhone = await phone(browser, baseURL!, true);
  await adaPhone.goto(new URL(nine!).pathname);
  await expect(adaPhone).toHaveURL(/\/s\/p\/[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{22}$/);
  await expect(adaPhone.getByText('Your score: 9')).toBeVisible();
  await expect(adaPhone.getByRole('radio', { name: '9', exact: true })).toBeChecked();
  await expect(adaPhone.locator('h1')).toHaveText('Thank you, you made our day!');
  await expect(adaPhone.getByRole('link', { name: 'Write a review' })).toHaveAttribute('href', /\/s\/p\/[^/]+\/go\/review$/);
  await expectNoSideScroll(adaPhone);
  await expectNoSeriousA11yViolations(adaPhone, 'personal survey page, 390 px');
  // Her first interaction confirms the score; she adds a comment and sends it.
  const comment = adaPhone.getByRole('textbox');
  await comment.tap();
  await comment.fill('Quick and friendly');
  await adaPhone.getByRole('button', { name: 'Send' }).tap();
  await expect(adaPhone).toHaveURL(/\?done=1$/);
  await expect(adaPhone.getByText('Your score: 9')).toBeVisible();
  await adaPhone.context().close();

  // ── 5. What the team sees ────────────────────────────────────────────────────────────────────
  // The report: 3 confirmed answers, 2 promoters and 1 detractor → NPS +33.3; the markup stays text.
  await expect(async () => {
    await page.goto(`${w}/surveys/${surveyId}`);
    await expect(page.getByTestId('survey-answers')).toHaveText('3 confirmed answers', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('survey-score')).toContainText('+33.3');
  const comments = page.getByTestId('comments-list');
  await expect(comments).toContainText('The parcel was <b>late</b> & broken');
  await expect(comments).toContainText('Quick and friendly');
  await expect(comments.locator('b')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'survey report');

  // The dashboard card went from its empty state to the figure.
  await page.goto(`${w}/dashboard`);
  await expect(page.getByTestId('dashboard-nps-value')).toHaveText('+33.3'); // (2 − 1) ÷ 3, one decimal as everywhere
  await expect(page.getByTestId('dashboard-nps-empty')).toHaveCount(0);

  // Ada (the only contact who answered) is a promoter now: the contacts filter shows just her.
  await page.goto(`${w}/contacts`);
  const filters = page.getByRole('search');
  await filters.getByLabel('NPS group').selectOption({ label: 'Promoters (1)' });
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/nps=promoter/);
  await expect(page.getByText('1 contact matches these filters (of 3)')).toBeVisible();
  await expect(page.getByText(ada, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(bob, { exact: true })).toHaveCount(0);
  await expect(page.getByText(cy, { exact: true })).toHaveCount(0);
  // Her profile says so, and when she answered.
  await page.getByRole('link', { name: ada, exact: true }).first().click();
  await expect(page.getByText(/^Promoter \(answered /)).toBeVisible();

  // A segment with the NPS-group rule counts her too.
  await page.goto(`${w}/contacts/segments`);
  await page.getByRole('button', { name: 'New segment' }).click();
  const builder = page.getByRole('form', { name: 'Segment rules' });
  await builder.getByLabel('Segment name').fill(`Promoters ${tag}`);
  const remove = builder.getByRole('button', { name: /^Remove rule \d+$/ });
  while ((await remove.count()) > 0) await remove.first().click();
  await builder.getByLabel('Kind of rule').selectOption({ label: 'Survey answer' });
  await builder.getByRole('button', { name: 'Add rule' }).click();
  await expect(builder.getByRole('checkbox', { name: 'Promoters' })).toBeChecked();
  await expect(builder.getByTestId('segment-count')).toHaveText('1 contact matches right now.', { timeout: 20_000 });
});
