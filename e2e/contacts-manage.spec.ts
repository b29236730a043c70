import { expect, test, type Page } from '@playwright/test';
import { signUp, uniqueSuffix } from './support/flows';

/** Adds one contact through the "Add contact" page and waits for its own page. */
async function addContact(page: Page, slug: string, fields: { email: string; first?: string; last?: string; tags?: string }) {
  await page.goto(`/w/${slug}/contacts/new`);
  const form = page.getByRole('form', { name: 'Add a contact' });
  await form.getByLabel('Email').fill(fields.email);
  if (fields.first) await form.getByLabel(/^First name/).fill(fields.first);
  if (fields.last) await form.getByLabel(/^Last name/).fill(fields.last);
  if (fields.tags) await form.getByLabel(/^Tags/).fill(fields.tags);
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/contacts/[0-9a-f-]{36}$`));
}

test.describe('managing contacts', () => {
  test.setTimeout(120_000);

  test('add by hand, edit, delete one with confirmation, and refuse what cannot be delivered', async ({ page }) => {
    const owner = await signUp(page, { prefix: 'manage' });
    await page.goto(`/w/${owner.slug}/contacts`);
    await page.getByRole('main').getByRole('link', { name: 'Add contact' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Add a contact' })).toBeVisible();

    // An accented name before the @ is refused with its reason, and nothing is created.
    const form = page.getByRole('form', { name: 'Add a contact' });
    await form.getByLabel('Email').fill('josé@example.com');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await expect(form.getByText('can’t be delivered by most mail servers')).toBeVisible();

    await form.getByLabel('Email').fill('Ada@Example.com');
    await form.getByLabel(/^First name/).fill('Ada');
    await form.getByLabel(/^Last name/).fill('Lovelace');
    await form.getByLabel(/^Tags/).fill('VIP, founders');
    await form.getByRole('button', { name: 'Add attribute' }).click();
    await form.getByLabel('Attribute 1 name').fill('city');
    await form.getByLabel('Attribute 1 value').fill('London');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/contacts/[0-9a-f-]{36}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Lovelace');
    await expect(page.getByRole('list', { name: 'Tags' })).toContainText('vip');
    await expect(page.getByRole('list', { name: 'Tags' })).toContainText('founders');
    await expect(page.getByTestId('contact-attributes')).toContainText('London');

    // Edit names and attributes.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('form', { name: 'Edit contact' });
    await edit.getByLabel(/^First name/).fill('Augusta Ada');
    await edit.getByLabel('Attribute 1 value').fill('Marylebone');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByText('Saved.')).toBeVisible();
    await page.getByRole('link', { name: 'Back to the contact' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Augusta Ada Lovelace');
    await expect(page.getByTestId('contact-attributes')).toContainText('Marylebone');

    // Delete asks first; Cancel keeps the contact.
    await page.getByTestId('delete-contact').click();
    const dialog = page.getByRole('dialog', { name: 'Delete this contact?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('ada@example.com');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Augusta Ada Lovelace');

    await page.getByTestId('delete-contact').click();
    await dialog.getByRole('button', { name: 'Delete contact' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/contacts$`));
    await expect(page.getByRole('heading', { name: 'No contacts yet' })).toBeVisible();
  });

  test('bulk delete removes exactly the selected contacts', async ({ page }) => {
    const owner = await signUp(page, { prefix: 'bulk' });
    const tag = uniqueSuffix();
    const emails = [0, 1, 2, 3].map((i) => `bulk${i}-${tag}@example.com`);
    for (const email of emails) await addContact(page, owner.slug, { email });

    await page.goto(`/w/${owner.slug}/contacts`);
    await expect(page.getByTestId('contacts-count')).toHaveText('4 contacts · showing 1–4');
    const bulk = page.getByTestId('bulk-delete');
    await expect(bulk).toBeDisabled();
    await page.getByLabel(`Select ${emails[0]}`).check();
    await page.getByLabel(`Select ${emails[2]}`).check();
    await expect(page.getByTestId('selected-count')).toHaveText('2 contacts selected');
    await bulk.click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 contacts?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Delete 2 contacts' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('contacts-count')).toHaveText('2 contacts · showing 1–2');
    const table = page.getByTestId('contacts-table');
    await expect(table).toContainText(emails[1]);
    await expect(table).toContainText(emails[3]);
    await expect(table).not.toContainText(emails[0]);
    await expect(table).not.toContainText(emails[2]);

    // "Select all" on the page, then delete the rest.
    await page.getByLabel('Select all contacts on this page').check();
    await expect(page.getByTestId('selected-count')).toHaveText('2 contacts selected');
    await bulk.click();
    await page.getByRole('dialog', { name: 'Delete 2 contacts?' }).getByRole('button', { name: 'Delete 2 contacts' }).click();
    await expect(page.getByRole('heading', { name: 'No contacts yet' })).toBeVisible();
  });

  test('a draft campaign can be deleted after confirming; a long name is refused with its limit, not cut', async ({ page }) => {
    const owner = await signUp(page, { prefix: 'draft-delete' });
    await page.goto(`/w/${owner.slug}/campaigns/new`);
    const long = 'N'.repeat(121);
    await page.getByLabel('Campaign name').fill(long);
    await expect(page.getByLabel('Campaign name')).toHaveValue(long);
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expect(page.getByText('Use at most 120 characters.')).toBeVisible();

    const name = `Draft ${uniqueSuffix()}`;
    await page.getByLabel('Campaign name').fill(name);
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}\/edit$/);
    await page.getByTestId('delete-campaign').click();
    const dialog = page.getByRole('dialog', { name: 'Delete this draft?' });
    await expect(dialog).toContainText(name);
    await dialog.getByRole('button', { name: 'Delete draft' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/campaigns$`));
    await expect(page.getByRole('main')).not.toContainText(name);
  });
});

test.describe('managing contacts on a phone, in Dutch', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test.setTimeout(120_000);

  test('the add form, the selection and the confirmation fit the screen', async ({ page, context, baseURL }) => {
    const owner = await signUp(page, { prefix: 'phone' });
    await context.addCookies([{ name: 'pulse-locale', value: 'nl', url: baseURL! }]);
    const tag = uniqueSuffix();
    await page.goto(`/w/${owner.slug}/contacts/new`);
    const form = page.getByRole('form', { name: 'Contact toevoegen' });
    await form.getByLabel('E-mail').fill(`telefoon-${tag}@example.com`);
    await form.getByRole('button', { name: 'Contact toevoegen' }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/contacts/[0-9a-f-]{36}$`));

    await page.goto(`/w/${owner.slug}/contacts`);
    await page.getByLabel(`telefoon-${tag}@example.com selecteren`).check();
    await expect(page.getByTestId('selected-count')).toHaveText('1 contact geselecteerd');
    await page.getByTestId('bulk-delete').click();
    const dialog = page.getByRole('dialog', { name: '1 contact verwijderen?' });
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await dialog.getByRole('button', { name: '1 contact verwijderen' }).click();
    await expect(page.getByRole('heading', { name: 'Nog geen contacten' })).toBeVisible();
  });
});
