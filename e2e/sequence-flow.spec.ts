import { expect, test, type Page } from '@playwright/test';
import { e2eSql } from './support/db';
import { signUp, uniqueSuffix } from './support/flows';
import { waitForMail } from './support/mail';
import { CLICK_SCANNER_WINDOW_SECONDS } from '@/lib/tracking/classify';

/**
 * A win-back sequence end to end on the Postgres server (real SMTP listener, embedded worker):
 * quiet contacts, a sequence built from the template for their tier and activated, five weeks
 * lived through the test-only clock (app/api/test/clock: PULSE_TEST_CLOCK=1 on this server only,
 * loopback only), step 1 delivered, a click in the mail, and the results page following along.
 * The clock only moves forward: specs after this one see the sequence clock ~23 days ahead.
 */

const moveClock = async (page: Page, days: number) => {
  const res = await page.request.post('/api/test/clock', { data: { days } });
  expect(res.status()).toBe(200);
  return (await res.json()) as { now: string; engine: { queued: number }; rolledUp: number };
};

/** The figure under a summary tile's label on the results page. */
const tile = (page: Page, label: string) => page.getByTestId('results-summary').getByText(label, { exact: true }).locator('xpath=following-sibling::p[1]');

test('the test clock answers this machine only, and only moves forward', async ({ page }) => {
  const before = await page.request.get('/api/test/clock');
  expect(before.status()).toBe(200);
  const { now } = (await before.json()) as { now: string };
  // A request that came through a proxy is not from this machine, whatever its socket says.
  for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
    expect((await page.request.get('/api/test/clock', { headers: { [header]: '127.0.0.1' } })).status(), header).toBe(404);
    expect((await page.request.post('/api/test/clock', { data: { days: 1 }, headers: { [header]: '127.0.0.1' } })).status(), header).toBe(404);
  }
  expect((await page.request.post('/api/test/clock', { data: { days: -1 } })).status()).toBe(400);
  const after = (await (await page.request.get('/api/test/clock')).json()) as { now: string };
  expect(new Date(after.now).getTime() - new Date(now).getTime()).toBeLessThan(60_000);
});

test('build a sequence for a tier, activate it, live through its weeks and watch the results', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const owner = await signUp(page, { prefix: 'winback' });
  const w = `/w/${owner.slug}`;
  const tag = uniqueSuffix();
  const name = `Win back ${tag}`;
  const emails = Array.from({ length: 4 }, (_, i) => `quiet-${i + 1}-${tag}@example.com`);

  // Four contacts quiet since they joined three months ago: inactivity tier 2 (61–120 days).
  const sql = e2eSql();
  try {
    const [ws] = await sql`select id from workspaces where slug = ${owner.slug}`;
    for (const email of emails) {
      await sql`insert into contacts (workspace_id, email, first_name, joined_at) values (${ws.id}, ${email}, 'Quiet', now() - interval '90 days')`;
    }
  } finally {
    await sql.end();
  }

  // From the template, for the tier; its buttons lead back to this app.
  await page.goto(`${w}/sequences/new`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Your website').fill(`${baseURL}/sign-in`);
  await expect(page.getByRole('checkbox', { name: /61–120 days/ })).toBeChecked();
  await page.getByRole('button', { name: 'Create sequence' }).click();
  await expect(page).toHaveURL(/\/sequences\/[0-9a-f-]{36}$/);
  const sequenceId = page.url().split('/').pop()!;
  await page.getByTestId('sequence-activate').click();
  await page.getByRole('dialog', { name: `Activate “${name}”?` }).getByRole('button', { name: 'Activate and start sending' }).click();
  await expect(page.getByTestId('sequence-status')).toHaveText('Active');

  // Everyone entered; the engine drew the control group at random, so read who is in which.
  const db = e2eSql();
  let treatment: string[] = [];
  try {
    const rows = await db`select c.email, e."group" from sequence_enrolments e join contacts c on c.id = e.contact_id where e.sequence_id = ${sequenceId}`;
    expect(rows).toHaveLength(emails.length);
    treatment = rows.filter((r) => r.group === 'treatment').map((r) => r.email as string);
  } finally {
    await db.end();
  }
  expect(treatment.length, 'all four drawn into control (1 in 10,000)').toBeGreaterThan(0);
  const results = `${w}/sequences/${sequenceId}/results`;
  await page.goto(results);
  await expect(tile(page, 'Enrolled')).toHaveText(String(emails.length));
  await expect(tile(page, 'In progress')).toHaveText(String(emails.length));
  await expect(tile(page, 'Reactivated')).toHaveText('0');

  // Nine days on: step 1 (at the first send-window slot after entry) is queued at once and the worker delivers it.
  const moved = await moveClock(page, 9);
  expect(moved.engine.queued).toBeGreaterThanOrEqual(treatment.length);
  const mail = await waitForMail(treatment[0], 60_000);
  for (const email of treatment.slice(1)) await waitForMail(email, 60_000);
  await expect(async () => {
    await page.goto(results);
    await expect(page.getByTestId('step-row-1').getByRole('cell').first()).toContainText(String(treatment.length), { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('step-row-2').getByRole('cell').first()).toContainText('0');

  // The first contact clicks the mail's button. A click within CLICK_SCANNER_WINDOW_SECONDS of
  // delivery counts as a link scanner: wait until that window of this mail has passed, as a reader would.
  const sent = e2eSql();
  let sentAt: Date;
  try {
    const [row] = await sent`select s.sent_at from campaign_sends s join sequence_enrolments e on e.id = s.enrolment_id
               join contacts c on c.id = e.contact_id where e.sequence_id = ${sequenceId} and c.email = ${treatment[0]}`;
    sentAt = new Date(row.sent_at as string);
  } finally {
    await sent.end();
  }
  const readable = sentAt.getTime() + (CLICK_SCANNER_WINDOW_SECONDS + 1) * 1000 - Date.now();
  if (readable > 0) await page.waitForTimeout(readable);
  const reader = await page.context().newPage();
  await reader.setContent(mail.html);
  await reader.getByRole('link', { name: 'See what’s new' }).click();
  await expect(reader).toHaveURL(/\/(sign-in|w\/)/);
  await reader.close();

  // A minute on the clock: the roll-up ends that enrolment as reactivated, and the results say so.
  await moveClock(page, 1 / 1440);
  await expect(async () => {
    await page.goto(results);
    await expect(tile(page, 'Reactivated')).toHaveText('1', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(tile(page, 'In progress')).toHaveText(String(emails.length - 1));
  await expect(page.getByTestId('lift-treatment')).toBeVisible();

  // Two more weeks: step 2 goes to the treatment contacts still in the sequence, not to the one who came back.
  await moveClock(page, 14);
  await expect(async () => {
    await page.goto(results);
    await expect(page.getByTestId('step-row-2').getByRole('cell').first()).toContainText(String(treatment.length - 1), { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
});
