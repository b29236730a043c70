import { expect, type Locator, type Page } from '@playwright/test';

/** A fresh, valid and unique address for one test (the domain never receives mail: the SMTP sink does). */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** A short unique suffix for names, so parallel or repeated runs never collide. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const PASSWORD = 'correct-horse-battery-9';

export interface Account {
  name: string;
  email: string;
  password: string;
  workspace: string;
  slug: string;
}

/** Signs up through the real form and waits for the new workspace's dashboard; returns its slug. */
export async function signUp(
  page: Page,
  opts: Partial<Omit<Account, 'slug'>> & { prefix?: string } = {},
): Promise<Account> {
  const suffix = uniqueSuffix();
  const account = {
    name: opts.name ?? `Tester ${suffix}`,
    email: opts.email ?? uniqueEmail(opts.prefix ?? 'owner'),
    password: opts.password ?? PASSWORD,
    workspace: opts.workspace ?? `Acme ${suffix}`,
  };
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByLabel('Workspace name').fill(account.workspace);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/w\/[^/]+\/dashboard$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1, name: `Welcome to ${account.workspace}` })).toBeVisible();
  const slug = new URL(page.url()).pathname.split('/')[2];
  return { ...account, slug };
}

/** Fills and submits the sign-in form (on whatever sign-in page is open). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The error alert of a form (Next.js also renders a route announcer with role=alert, so filter by text). */
export function alertWith(scope: Page | Locator, text: string | RegExp): Locator {
  return scope.getByRole('alert').filter({ hasText: text });
}

/** The visible "Your role: …" line of the shell (the sidebar is rendered for desktop and mobile). */
export function currentRole(page: Page): Locator {
  return page.getByTestId('current-role').filter({ visible: true });
}

/** Sets a (hidden) input's value inside `form`, as a tampering client would. */
export async function setHiddenInput(form: Locator, name: string, value: string): Promise<void> {
  const input = form.locator(`input[type="hidden"][name="${name}"]`);
  await expect(input).toHaveCount(1);
  await input.evaluate((el, v) => {
    (el as HTMLInputElement).value = v;
  }, value);
  await expect(input).toHaveValue(value);
}
