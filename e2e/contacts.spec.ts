import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { e2eSql } from './support/db';
import { type Account, signUp, uniqueSuffix } from './support/flows';

const ROWS = 2000;
/** 1-based file lines (header = line 1) of the rows that must be refused, and why. */
const BAD = { 101: 'not-an-email', 501: '', 1501: 'bad<1500>@example.com' } as const;
const DUPLICATE_LINE = 1001; // repeats line 1000's address in upper case

/**
 * A Dutch-Excel style file (`;`, Dutch headers): 2,000 rows, three bad ones and one in-file
 * duplicate, so 1,996 new contacts. Row 1234 has a name the search test looks for.
 */
function writeCsv(tag: string): { file: string; email: (row: number) => string } {
  const email = (row: number) => `c${row}-${tag}@example.com`;
  const lines = ['E-mail;Voornaam;Achternaam;Labels;Plaats'];
  for (let row = 1; row <= ROWS; row++) {
    const line = row + 1;
    const address = line in BAD ? BAD[line as keyof typeof BAD] : line === DUPLICATE_LINE ? email(row - 1).toUpperCase() : email(row);
    const first = row === 1234 ? 'Zebedeus' : `First${row}`;
    lines.push(`${address};${first};Last${row};"vip, b${row % 3}";City ${row % 5}`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-contacts-'));
  const file = path.join(dir, `contacts-${tag}.csv`);
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
  return { file, email };
}

async function workspaceId(slug: string): Promise<string> {
  const sql = e2eSql();
  try {
    const [row] = await sql`select id from workspaces where slug = ${slug}`;
    return row.id;
  } finally {
    await sql.end();
  }
}

async function importFile(page: Page, slug: string, file: string) {
  await page.goto(`/w/${slug}/contacts/import`);
  await page.getByLabel('CSV file').setInputFiles(file);
  const mapping = page.getByRole('form', { name: 'Map the columns' });
  await expect(mapping.getByLabel('Import “E-mail” as')).toHaveValue('email');
  await expect(mapping.getByLabel('Import “Voornaam” as')).toHaveValue('firstName');
  await expect(mapping.getByLabel('Import “Labels” as')).toHaveValue('tags');
  await expect(mapping.getByLabel('Import “Plaats” as')).toHaveValue('attribute');
  await expect(mapping.getByLabel('Attribute name for “Plaats”')).toHaveValue('Plaats');
  await mapping.getByRole('button', { name: 'Start import' }).click();
}

test.describe('contacts', () => {
  test.setTimeout(120_000);

  test('import 2,000 rows with bad rows and a duplicate, then list, search, open and export', async ({ page }) => {
    const owner = await signUp(page, { prefix: 'contacts' });
    const tag = uniqueSuffix();
    const csv = writeCsv(tag);

    // An honest empty state that leads to the import.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Contacts' }).click();
    await expect(page.getByRole('heading', { name: 'No contacts yet' })).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Import a CSV' }).first().click();
    await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/contacts/import$`));

    await importFile(page, owner.slug, csv.file);
    const result = page.getByTestId('import-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    await expect(result.getByRole('status').first()).toHaveText(`The import of contacts-${tag}.csv is finished.`);
    await expect(page.getByTestId('import-count-totalRows')).toContainText('2,000');
    await expect(page.getByTestId('import-count-inserted')).toContainText('1,996');
    await expect(page.getByTestId('import-count-updated')).toContainText('0');
    await expect(page.getByTestId('import-count-duplicates')).toContainText('1');
    await expect(page.getByTestId('import-count-rejected')).toContainText('3');
    const rejects = page.getByTestId('rejects').locator('tbody tr');
    await expect(rejects).toHaveCount(3);
    await expect(rejects.nth(0)).toContainText('101');
    await expect(rejects.nth(0)).toContainText('Enter a valid email address.');
    await expect(rejects.nth(1)).toContainText('501');
    await expect(rejects.nth(1)).toContainText('This field is required.');
    await expect(rejects.nth(2)).toContainText('1501');
    // The history (refreshed after the upload) lists the finished import.
    await expect(page.getByTestId('import-history')).toContainText(`contacts-${tag}.csv`);
    await expect(page.getByTestId('import-history')).toContainText('Completed');

    // The list: counts, the first page and the next one.
    await page.getByRole('link', { name: 'View contacts' }).click();
    await expect(page.getByTestId('contacts-count')).toHaveText('1,996 contacts · showing 1–50');
    await expect(page.getByTestId('contacts-table').locator('tbody tr')).toHaveCount(50);
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page.getByTestId('contacts-count')).toHaveText('1,996 contacts · showing 51–100');

    // Search finds one contact; its page opens.
    await page.getByLabel('Search').fill('zebedeus');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByTestId('contacts-count')).toHaveText('1 contact matches these filters (of 1,996) · showing 1–1');
    await page.getByRole('link', { name: csv.email(1234) }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zebedeus Last1234');
    await expect(page.getByTestId('contact-attributes')).toContainText('City 4');
    await expect(page.getByTestId('contact-timeline')).toContainText(`Imported from contacts-${tag}.csv`);
    await expect(page.getByRole('list', { name: 'Tags' })).toContainText('vip');

    // Export of a filtered view: every contact tagged b0, and nobody else.
    await page.goto(`/w/${owner.slug}/contacts?tag=b0`);
    // Rows 3, 6, … 1998 carry b0 (666), minus row 1500 (a bad line) and row 999, whose address the
    // duplicate row 1000 repeats: the last row of an email wins, and it is tagged b1.
    const expected = 664;
    await expect(page.getByTestId('contacts-count')).toContainText(`${expected} contacts match these filters`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d\d-\d\d\.csv$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('email,first_name,last_name,status,tags,joined_at,last_open_at,last_click_at,last_purchase_at,lifetime_value,created_at,attributes.Plaats');
    expect(lines).toHaveLength(expected + 1);
    expect(lines.slice(1).every((l) => l.includes('"vip, b0"'))).toBe(true);
    expect(text).toContain(csv.email(3));
    expect(text).not.toContain(csv.email(4));
    expect(text).not.toContain(csv.email(999));

    const sql = e2eSql();
    try {
      const [imp] = await sql`
        select i.status, i.total_rows, i.inserted_rows, i.rejected_rows, i.duplicate_rows
        from contact_imports i join workspaces w on w.id = i.workspace_id where w.slug = ${owner.slug}`;
      expect(imp).toMatchObject({ status: 'completed', total_rows: 2000, inserted_rows: 1996, rejected_rows: 3, duplicate_rows: 1 });
    } finally {
      await sql.end();
    }
  });

  test('a viewer sees no import or edit controls, and a forced upload is refused', async ({ browser, page }) => {
    const owner = await signUp(page, { prefix: 'contacts-owner' });
    const ownerWs = await workspaceId(owner.slug);
    const viewerCtx = await browser.newContext();
    try {
      const viewerPage = await viewerCtx.newPage();
      const viewer = await signUp(viewerPage, { prefix: 'contacts-viewer' });
      const sql = e2eSql();
      let contactId: string;
      try {
        const [u] = await sql`select id from users where email = ${viewer.email}`;
        await sql`insert into memberships (workspace_id, user_id, role) values (${ownerWs}, ${u.id}, 'viewer')`;
        const [c] = await sql`insert into contacts (workspace_id, email, first_name, tags) values (${ownerWs}, ${`seen-${uniqueSuffix()}@example.com`}, 'Seen', ${sql.array(['vip'])}) returning id`;
        contactId = c.id;
      } finally {
        await sql.end();
      }

      await viewerPage.goto(`/w/${owner.slug}/contacts`);
      await expect(viewerPage.getByTestId('contacts-count')).toHaveText('1 contact · showing 1–1');
      await expect(viewerPage.getByRole('link', { name: 'Import a CSV' })).toHaveCount(0);
      await expect(viewerPage.getByTestId('export-csv')).toBeVisible();

      await viewerPage.goto(`/w/${owner.slug}/contacts/import`);
      await expect(viewerPage.getByRole('status').filter({ hasText: 'You have the Viewer role' })).toBeVisible();
      await expect(viewerPage.getByLabel('CSV file')).toHaveCount(0);

      await viewerPage.goto(`/w/${owner.slug}/contacts/${contactId}`);
      await expect(viewerPage.getByRole('heading', { level: 1 })).toHaveText('Seen');
      await expect(viewerPage.getByRole('button', { name: 'Change status' })).toHaveCount(0);
      await expect(viewerPage.getByLabel('Add a tag')).toHaveCount(0);
      await expect(viewerPage.getByRole('button', { name: 'Remove tag vip' })).toHaveCount(0);

      await viewerPage.goto(`/w/${owner.slug}/contacts/segments`);
      await expect(viewerPage.getByRole('button', { name: 'Create list' })).toHaveCount(0);
      await expect(viewerPage.getByRole('button', { name: 'New segment' })).toHaveCount(0);

      // Forced, as a tampering client would: the route still says no, and nothing was written.
      const mapping = JSON.stringify({ email: 'email' });
      const response = await viewerPage.request.post(
        `/api/contacts/import?workspaceId=${ownerWs}&fileName=forced.csv&mapping=${encodeURIComponent(mapping)}`,
        { headers: { 'content-type': 'text/csv' }, data: 'email\nforced@example.com\n' },
      );
      expect([403, 404]).toContain(response.status());
      const check = e2eSql();
      try {
        const imports = await check`select id from contact_imports where workspace_id = ${ownerWs}`;
        expect(imports).toHaveLength(0);
        const forced = await check`select id from contacts where email = 'forced@example.com'`;
        expect(forced).toHaveLength(0);
      } finally {
        await check.end();
      }
    } finally {
      await viewerCtx.close();
    }
  });

  test("another workspace's contact is a 404 everywhere", async ({ browser, page }) => {
    const a = await signUp(page, { prefix: 'contacts-a' });
    const { b, contactId, bWs } = await otherTenantWithContact(browser);
    for (const url of [`/w/${a.slug}/contacts/${contactId}`, `/w/${b.slug}/contacts/${contactId}`, `/w/${a.slug}/contacts/not-a-uuid`]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }), url).toHaveText('Not found');
    }
    const exported = await page.request.get(`/api/contacts/export?workspaceId=${bWs}`);
    expect(exported.status()).toBe(404);
    const uploaded = await page.request.post(
      `/api/contacts/import?workspaceId=${bWs}&fileName=x.csv&mapping=${encodeURIComponent('{"email":"email"}')}`,
      { headers: { 'content-type': 'text/csv' }, data: 'email\nx@example.com\n' },
    );
    expect(uploaded.status()).toBe(404);
    const aWs = await workspaceId(a.slug);
    const foreignList = await page.request.get(`/api/contacts/export?workspaceId=${aWs}&listId=${contactId}`);
    expect(foreignList.status()).toBe(404);
  });
});

async function otherTenantWithContact(browser: Browser): Promise<{ b: Account; contactId: string; bWs: string }> {
  const ctx = await browser.newContext();
  try {
    const b = await signUp(await ctx.newPage(), { prefix: 'contacts-b' });
    const bWs = await workspaceId(b.slug);
    const sql = e2eSql();
    try {
      const [c] = await sql`insert into contacts (workspace_id, email) values (${bWs}, ${`secret-${uniqueSuffix()}@example.com`}) returning id`;
      return { b, contactId: c.id, bWs };
    } finally {
      await sql.end();
    }
  } finally {
    await ctx.close();
  }
}
