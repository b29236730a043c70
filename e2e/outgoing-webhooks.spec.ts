import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { signUp } from './support/flows';
import { expectNoForeignStrings, foreignStrings, type Locale } from './support/locale-leaks';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 in the test process; answers 200 and keeps every request. */
async function startListener() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/pulse-hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The receiver-side check as documented: HMAC-SHA256(secret, "<t>.<raw body>"), at most 5 minutes old. */
function verify(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

test('an admin adds an endpoint, sends a test, sees it succeed in the log; the listener got a correctly signed request', async ({ page }) => {
  const listener = await startListener();
  try {
    const account = await signUp(page);
    await page.goto(`/w/${account.slug}/settings/webhooks`);
    await expect(page.getByRole('heading', { name: 'No webhook endpoints yet' })).toBeVisible();

    // A URL is checked while saving (this server allows 127.0.0.1 for the listener below; a name that does not resolve is refused).
    await page.getByLabel('Endpoint URL').fill('https://no-such-host.invalid/hook');
    await page.getByRole('checkbox', { name: /survey\.answered/ }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByText('This host name cannot be found. Check the spelling of the URL.')).toBeVisible();

    await page.getByLabel('Endpoint URL').fill(listener.url);
    await page.getByRole('checkbox', { name: /contact\.unsubscribed/ }).check();
    await page.getByLabel('Description').fill('CRM sync');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByTestId('webhook-endpoint-url')).toHaveText(listener.url);
    await expect(page.getByText('Nothing sent yet. Send a test to see a delivery here.')).toBeVisible();

    await page.getByRole('button', { name: 'Reveal signing secret' }).click();
    const secret = (await page.getByTestId('webhook-signing-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    await page.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByText('Test event queued. Its result appears in the delivery log.')).toBeVisible();
    const row = page.getByTestId('webhook-delivery').first();
    await expect(row.getByText('Succeeded')).toBeVisible({ timeout: 20_000 });
    await expect(row.getByText('HTTP 200')).toBeVisible();
    await row.getByText('Request body').click();
    await expect(row.locator('pre')).toContainText('"type": "webhook.test"');

    expect(listener.received).toHaveLength(1);
    const [hook] = listener.received;
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['user-agent']).toBe('Pulse-Webhooks/1');
    expect(hook.headers['pulse-event-type']).toBe('webhook.test');
    const body = JSON.parse(hook.body);
    expect(hook.headers['pulse-event-id']).toBe(body.id);
    expect(body).toMatchObject({ type: 'webhook.test', data: { test: true } });
    const signature = String(hook.headers['pulse-signature']);
    expect(signature.startsWith(`t=${hook.headers['pulse-timestamp']},v1=`)).toBe(true);
    expect(verify(secret, signature, hook.body)).toBe(true);
    expect(verify(`${secret}x`, signature, hook.body)).toBe(false);
  } finally {
    await listener.close();
  }
});

test('the outgoing webhooks page passes axe, speaks one language and fits at 1440 and 390 px', async ({ page, baseURL }) => {
  const listener = await startListener();
  try {
    const account = await signUp(page);
    const url = `/w/${account.slug}/settings/webhooks`;
    await page.goto(url);
    await page.getByLabel('Endpoint URL').fill(listener.url);
    await page.getByRole('checkbox', { name: /survey\.answered/ }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByTestId('webhook-delivery').first().getByText('Succeeded')).toBeVisible({ timeout: 20_000 });

    for (const locale of ['en', 'nl'] as Locale[]) {
      const foreign = foreignStrings(locale);
      await page.context().addCookies([{ name: 'pulse-locale', value: locale, url: baseURL! }]);
      for (const size of [
        { width: 1440, height: 900 },
        { width: 390, height: 844 },
      ]) {
        await page.setViewportSize(size);
        await page.goto(url);
        await expect(page.getByTestId('webhook-delivery-log')).toBeVisible();
        await expectNoForeignStrings(page, locale, foreign, true);
        await expectNoSeriousA11yViolations(page, `${url} (${locale}, ${size.width} px)`, true);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect.soft(overflow, `${locale} ${size.width} px scrolls sideways`).toBeLessThanOrEqual(0);
      }
    }
  } finally {
    await listener.close();
  }
});
