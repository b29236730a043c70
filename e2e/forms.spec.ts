import { expect, test, type Locator, type Page } from '@playwright/test';
import { e2eSql } from './support/db';
import { waitForMail } from './support/mail';
import { E2E_PORTS } from './support/ports';
import { type Account, alertWith, signUp, uniqueEmail, uniqueSuffix } from './support/flows';

const CORRECT_FIELDS = 'Please correct the highlighted fields.';

/** Everything a settings form could write for one workspace, to prove a rejected submit wrote nothing. */
async function snapshot(slug: string) {
  const sql = e2eSql();
  try {
    const [workspace] = await sql`
      select id, name, industry, timezone, locale, review_url, referral_url, benchmarks, updated_at
      from workspaces where slug = ${slug}`;
    if (!workspace) return { workspace: null, sending: [], invitations: [], memberships: [], audit: 0, mail: 0 };
    const id = workspace.id as string;
    const sending = await sql`select * from sending_settings where workspace_id = ${id}`;
    const invitations = await sql`select id, email, role, token_hash, revoked_at from invitations where workspace_id = ${id} order by created_at`;
    const memberships = await sql`select user_id, role from memberships where workspace_id = ${id} order by user_id`;
    const [{ audit }] = await sql`select count(*)::int as audit from audit_log where workspace_id = ${id}`;
    const [{ mail }] = await sql`select count(*)::int as mail from mail_messages where workspace_id = ${id}`;
    return { workspace, sending: [...sending], invitations: [...invitations], memberships: [...memberships], audit, mail };
  } finally {
    await sql.end();
  }
}

async function expectUnchanged(slug: string, before: Awaited<ReturnType<typeof snapshot>>) {
  expect(await snapshot(slug)).toEqual(before);
}

/** Submits `form` and waits for the round-trip (the form-level alert). */
async function submitExpectingFieldError(form: Locator, field: Locator, message: string | RegExp) {
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(alertWith(form, CORRECT_FIELDS)).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message);
}

let owner: Account;

test.beforeEach(async ({ page }) => {
  owner = await signUp(page, { prefix: 'forms' });
});

test.describe('workspace profile', () => {
  test('rejects an empty, a 10,000-character and a markup name, and writes nothing', async ({ page }) => {
    await page.goto(`/w/${owner.slug}/settings`);
    const form = page.getByRole('form', { name: 'Workspace profile' });
    const name = form.getByLabel('Workspace name');
    await expect(name).toHaveValue(owner.workspace);
    const before = await snapshot(owner.slug);

    await name.fill('');
    await submitExpectingFieldError(form, name, 'This field is required.');
    await expectUnchanged(owner.slug, before);

    // No maxlength cuts the text silently: the server refuses it and names the limit.
    await name.fill('x'.repeat(10_000));
    await expect(name).toHaveValue('x'.repeat(10_000));
    await submitExpectingFieldError(form, name, 'Use at most 80 characters.');
    await expectUnchanged(owner.slug, before);

    await name.fill('<script>alert(1)</script>');
    await submitExpectingFieldError(form, name, "Please don't use < or > here.");
    await expectUnchanged(owner.slug, before);
  });

  test('a valid name is saved and survives a reload', async ({ page }) => {
    await page.goto(`/w/${owner.slug}/settings`);
    const form = page.getByRole('form', { name: 'Workspace profile' });
    const renamed = `Renamed ${uniqueSuffix()}`;
    await form.getByLabel('Workspace name').fill(renamed);
    await form.getByLabel('Industry').selectOption({ label: 'SaaS' });
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved.');

    await page.reload();
    await expect(page.getByRole('form', { name: 'Workspace profile' }).getByLabel('Workspace name')).toHaveValue(renamed);
    await expect(page.getByRole('form', { name: 'Workspace profile' }).getByLabel('Industry')).toHaveValue('saas');
    const after = await snapshot(owner.slug);
    expect(after.workspace).toMatchObject({ name: renamed, industry: 'saas' });

    await page.goto(`/w/${owner.slug}/dashboard`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome to ${renamed}`);
  });
});

test.describe('review & referral links', () => {
  test('rejects a javascript: URL and writes nothing; a valid URL persists', async ({ page }) => {
    await page.goto(`/w/${owner.slug}/settings/links`);
    const form = page.getByRole('form', { name: 'Review & referral' });
    const review = form.getByLabel('Review page URL');
    const referral = form.getByLabel('Referral program URL');
    const before = await snapshot(owner.slug);

    await review.fill('javascript:alert(1)');
    await submitExpectingFieldError(form, review, /Enter a full web address starting with https:\/\/ or http:\/\/\./);
    await expectUnchanged(owner.slug, before);

    await review.fill('');
    await referral.fill('data:text/html,<b>hi</b>');
    await submitExpectingFieldError(form, referral, 'Enter a full web address starting with https:// or http://.');
    await expectUnchanged(owner.slug, before);

    const url = `https://reviews.example.com/acme-${uniqueSuffix()}`;
    await review.fill(url);
    await referral.fill('');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved.');
    await page.reload();
    await expect(page.getByRole('form', { name: 'Review & referral' }).getByLabel('Review page URL')).toHaveValue(url);
    expect((await snapshot(owner.slug)).workspace).toMatchObject({ review_url: url, referral_url: null });
  });
});

test.describe('sending', () => {
  test('rejects a bad from address and an out-of-range port, and writes nothing', async ({ page }) => {
    await page.goto(`/w/${owner.slug}/settings/sending`);
    const form = page.getByRole('form', { name: 'Sending' });
    const from = form.getByLabel('From address');
    const port = form.getByLabel('Port', { exact: true });
    const host = form.getByLabel('Host', { exact: true });
    const before = await snapshot(owner.slug);
    expect(before.sending).toHaveLength(0);

    await from.fill('not-an-email');
    await submitExpectingFieldError(form, from, 'Enter a valid email address.');
    await expectUnchanged(owner.slug, before);

    await from.fill('');
    await host.fill('127.0.0.1');
    await port.fill('99999');
    await submitExpectingFieldError(form, port, 'Enter a port between 1 and 65535.');
    await expect(host).not.toHaveAttribute('aria-invalid', 'true');
    await expectUnchanged(owner.slug, before);

    await port.fill('');
    await host.fill('smtp example com');
    await submitExpectingFieldError(form, host, 'Enter a host name such as smtp.example.com.');
    await expectUnchanged(owner.slug, before);
  });

  test('valid SMTP settings persist and the test email arrives through them', async ({ page }) => {
    await page.goto(`/w/${owner.slug}/settings/sending`);
    const form = page.getByRole('form', { name: 'Sending' });
    const fromAddress = uniqueEmail('team');
    await form.getByLabel('From name').fill('E2E Team');
    await form.getByLabel('From address').fill(fromAddress);
    await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(E2E_PORTS.smtp));
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByRole('status')).toHaveText('Saved.');
    await expect(page.getByText("Mail currently goes to: this workspace's SMTP server")).toBeVisible();

    await page.reload();
    const reloaded = page.getByRole('form', { name: 'Sending' });
    await expect(reloaded.getByLabel('Host', { exact: true })).toHaveValue('127.0.0.1');
    await expect(reloaded.getByLabel('Port', { exact: true })).toHaveValue(String(E2E_PORTS.smtp));
    await expect(reloaded.getByLabel('From address')).toHaveValue(fromAddress);
    const saved = await snapshot(owner.slug);
    expect(saved.sending).toHaveLength(1);
    expect(saved.sending[0]).toMatchObject({ smtp_host: '127.0.0.1', smtp_port: E2E_PORTS.smtp, from_email: fromAddress, from_name: 'E2E Team' });

    await expect(page.getByLabel('Send to')).toHaveValue(owner.email);
    await page.getByRole('button', { name: 'Send test email' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Test email sent.' })).toBeVisible({ timeout: 20_000 });
    const mail = await waitForMail(owner.email);
    expect(mail.subject).toBe(`Pulse test email for ${owner.workspace}`);
    // Sent with the workspace's own identity, so it went through the settings just saved.
    expect(mail.from).toBe(fromAddress);

    const sql = e2eSql();
    try {
      const rows = await sql`
        select m.status, m.transport, m.kind from mail_messages m join workspaces w on w.id = m.workspace_id
        where w.slug = ${owner.slug} and m.to_address = ${owner.email}`;
      expect(rows).toEqual([{ status: 'sent', transport: 'smtp', kind: 'test' }]);
    } finally {
      await sql.end();
    }
  });
});

test.describe('benchmarks', () => {
  async function open(page: Page) {
    await page.goto(`/w/${owner.slug}/settings/benchmarks`);
    return page.getByRole('form', { name: 'Benchmarks' });
  }

  test('rejects a low above its high, a negative and letters, and writes nothing', async ({ page }) => {
    const form = await open(page);
    const before = await snapshot(owner.slug);
    const newsletterLow = form.getByLabel('Newsletter — Low');
    const newsletterHigh = form.getByLabel('Newsletter — High');
    await expect(newsletterLow).toHaveValue('2');

    await newsletterLow.fill('5');
    await newsletterHigh.fill('3');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(alertWith(form, CORRECT_FIELDS)).toBeVisible();
    await expect(form.getByRole('row', { name: /Newsletter/ }).getByText('High must be at least low.')).toBeVisible();
    await expect(newsletterHigh).toHaveAttribute('aria-invalid', 'true');
    await expectUnchanged(owner.slug, before);

    await newsletterLow.fill('2');
    await newsletterHigh.fill('3');
    const welcomeLow = form.getByLabel('Welcome — Low');
    await welcomeLow.fill('-1');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByRole('row', { name: /Welcome/ }).getByText('Enter zero or more.')).toBeVisible();
    await expect(welcomeLow).toHaveAttribute('aria-invalid', 'true');
    await expect(newsletterHigh).not.toHaveAttribute('aria-invalid', 'true');
    await expectUnchanged(owner.slug, before);

    await welcomeLow.fill('16');
    const days = form.getByLabel('A subscriber is inactive after');
    await days.fill('ninety');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(alertWith(form, CORRECT_FIELDS)).toBeVisible();
    await expect(days).toHaveAttribute('aria-invalid', 'true');
    await expect(days).toHaveAccessibleDescription(/\S/);
    await expect(welcomeLow).not.toHaveAttribute('aria-invalid', 'true');
    await expectUnchanged(owner.slug, before);
  });

  test('valid figures persist', async ({ page }) => {
    const form = await open(page);
    await form.getByLabel('Newsletter — Low').fill('2.5');
    await form.getByLabel('Newsletter — High').fill('3.5');
    await form.getByLabel('A subscriber is inactive after').fill('120');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    const reloaded = await open(page);
    await expect(reloaded.getByLabel('Newsletter — Low')).toHaveValue('2.5');
    await expect(reloaded.getByLabel('A subscriber is inactive after')).toHaveValue('120');
    const { workspace } = await snapshot(owner.slug);
    expect(workspace!.benchmarks.ctrByCategory.newsletter).toEqual({ low: 2.5, high: 3.5 });
    expect(workspace!.benchmarks.inactivityDays).toBe(120);
  });

  test('letters get the translated "Enter a number." message', async ({ page }) => {
    const form = await open(page);
    const days = form.getByLabel('A subscriber is inactive after');
    await days.fill('ninety');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(alertWith(form, CORRECT_FIELDS)).toBeVisible();
    await expect(form.getByText('Enter a number.')).toBeVisible({ timeout: 2_000 });
  });
});

test.describe('members', () => {
  test('an invitation with a bad email is refused and nothing is written; a valid one is sent', async ({ page }) => {
    await page.goto(`/w/${owner.slug}/settings/members`);
    const form = page.getByRole('form', { name: 'Invite a colleague' });
    const email = form.getByLabel('Email');
    const before = await snapshot(owner.slug);

    await email.fill('not-an-email');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await expect(alertWith(form, CORRECT_FIELDS)).toBeVisible();
    await expect(email).toHaveAccessibleDescription('Enter a valid email address.');
    await expect(page.getByText('No open invitations.')).toBeVisible();
    await expectUnchanged(owner.slug, before);

    const colleague = uniqueEmail('forms-invitee');
    await email.fill(colleague);
    await form.getByLabel('Role').selectOption({ label: 'Admin' });
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await expect(form.getByRole('status')).toHaveText(`Invitation sent to ${colleague}.`);
    await expect(page.getByTestId(`invitation-${colleague}`)).toContainText('Admin');
    const after = await snapshot(owner.slug);
    expect(after.invitations).toHaveLength(1);
    expect(after.invitations[0]).toMatchObject({ email: colleague, role: 'admin', revoked_at: null });
    await waitForMail(colleague);
  });
});

test.describe('danger zone', () => {
  test('the delete button stays disabled until the exact name is typed', async ({ page }) => {
    await page.goto(`/w/${owner.slug}/settings/danger`);
    const confirm = page.getByLabel(`Type the workspace name (${owner.workspace}) to confirm`);
    const del = page.getByRole('button', { name: 'Delete this workspace' });
    const before = await snapshot(owner.slug);

    await expect(del).toBeDisabled();
    await confirm.fill(owner.workspace.toLowerCase());
    await expect(del).toBeDisabled();
    await confirm.fill(owner.workspace.slice(0, -1));
    await expect(del).toBeDisabled();
    await confirm.fill(`${owner.workspace}x`);
    await expect(del).toBeDisabled();

    // Forcing the button open with a wrong name: the server checks the name too.
    await del.evaluate((el) => el.removeAttribute('disabled'));
    await del.click();
    await expect(alertWith(page, "The name you typed doesn't match the workspace name.")).toBeVisible();
    await expectUnchanged(owner.slug, before);

    await confirm.fill(owner.workspace);
    await expect(del).toBeEnabled();
    await del.click();
    await expect(page).toHaveURL(/\/onboarding$/);
    const after = await snapshot(owner.slug);
    expect(after.workspace).toBeNull();
    const sql = e2eSql();
    try {
      const rows = await sql`select user_id from memberships where workspace_id = ${before.workspace!.id}`;
      expect(rows).toHaveLength(0);
      const users = await sql`select id from users where email = ${owner.email}`;
      expect(users).toHaveLength(1);
    } finally {
      await sql.end();
    }
    await page.goto(`/w/${owner.slug}/dashboard`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
  });
});
