import { expect, test } from '@playwright/test';
import { signUp } from './support/flows';

test('an admin rotates the webhook secret; the old one works during the grace period', async ({ page, request }) => {
  const account = await signUp(page);
  await page.goto(`/w/${account.slug}/settings/sending`);
  const secretBox = page.getByTestId('webhook-secret');
  const old = (await secretBox.textContent())!.trim();
  expect(old).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const endpoint = new URL((await page.getByText(/\/api\/v1\/webhooks\/esp\/[0-9a-f-]{36}$/).first().textContent())!.trim()).pathname;
  const post = (secret: string) => request.post(endpoint, { headers: { authorization: `Bearer ${secret}` }, data: { events: [] } });
  expect((await post(old)).status()).toBe(200);

  await page.getByRole('button', { name: 'Rotate secret…' }).click();
  await page.getByRole('button', { name: 'Yes, make a new secret' }).click();
  await expect(page.getByText('New secret made. Paste it into your email service provider.')).toBeVisible();
  await expect(secretBox).not.toHaveText(old);
  const fresh = (await secretBox.textContent())!.trim();
  await expect(page.getByText(/The previous secret still works until/)).toBeVisible();

  expect((await post(fresh)).status()).toBe(200);
  expect((await post(old)).status()).toBe(200);
  const wrong = await post(`${fresh}x`);
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ error: { code: 'UNAUTHORIZED', messageKey: 'webhookSecret', params: {} } });
});
