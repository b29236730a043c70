import { expect, test, type Page } from '@playwright/test';
import { signUp } from './support/flows';

/** Every CSP violation the page reports, collected from the moment it starts loading. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

test('pages send a nonce CSP, Permissions-Policy, and no HSTS over plain http', async ({ page, request }) => {
  const first = await request.get('/sign-in');
  const second = await request.get('/sign-in');
  const csp = first.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(second.headers()['content-security-policy']).not.toBe(csp); // a fresh nonce per request
  expect(first.headers()['permissions-policy']).toContain('camera=()');
  expect(first.headers()['strict-transport-security']).toBeUndefined();
  // X-Forwarded-Proto counts only behind a trusted proxy (PULSE_TRUST_PROXY), which this server is not.
  const spoofed = await request.get('/sign-in', { headers: { 'x-forwarded-proto': 'https' } });
  expect(spoofed.headers()['strict-transport-security']).toBeUndefined();

  // Next.js's own inline scripts carry the nonce of the page's header.
  const response = await page.goto('/sign-in');
  const nonce = /'nonce-([^']+)'/.exec(response!.headers()['content-security-policy'])![1];
  const inline = await page.locator('script:not([src])').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(inline.length).toBeGreaterThan(0);
  expect(new Set(inline)).toEqual(new Set([nonce]));
});

test('the app works under the CSP: sign-up, every main page, charts and forms, with no violation', async ({ page }) => {
  const violations = await watchCsp(page);
  const account = await signUp(page); // a client-side form: needs hydrated scripts
  expect(await violations()).toEqual([]);
  for (const path of ['dashboard', 'campaigns', 'contacts', 'settings', 'settings/sending', 'settings/members']) {
    await page.goto(`/w/${account.slug}/${path}`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }

  // A client component round trip (test mail), then its mail in the Outbox viewer.
  await page.goto(`/w/${account.slug}/settings/sending`);
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByText(/Test email (sent|placed in the outbox)\./)).toBeVisible();
  await page.goto(`/w/${account.slug}/settings/outbox`);
  await page.getByRole('link').filter({ hasText: /test/i }).first().click();
  const frame = page.locator('iframe');
  await expect(frame).toBeVisible();
  // Sandboxed without scripts, and the mail's own CSP forbids them as well.
  expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts');
  expect(await frame.getAttribute('srcdoc')).toContain(`script-src 'none'`);
  expect(await violations()).toEqual([]);
});
