import { beforeAll, describe, expect, it } from 'vitest';
import { renderCampaignMail } from '@/lib/campaigns/render';
import { escapeHtml } from '@/lib/mail/html';
import { neutraliseTracking, trackedLinkIds } from './neutralise';
import { signToken } from './token';

beforeAll(() => {
  process.env.AUTH_SECRET ??= 'unit-test-secret-0123456789abcdef';
});

const BASE = 'https://old-host.example';
const LINKS = new Map([
  [7, 'https://shop.example/sale?a=1&b=2'],
  [8, 'https://shop.example/beans'],
]);

function trackedMail() {
  const ids = new Map([...LINKS].map(([id, url]) => [url, id]));
  return renderCampaignMail({
    subject: 'Hi',
    previewText: '',
    blocks: [
      { type: 'button', text: 'Shop', url: 'https://shop.example/sale?a=1&b=2' },
      { type: 'image', src: 'https://cdn.example/x.png', alt: 'Beans', href: 'https://shop.example/beans' },
    ],
    contact: { email: 'a@example.test' },
    locale: 'en',
    footer: { address: 'Street 1', unsubscribeLabel: 'Unsubscribe', reason: 'You signed up' },
    tracking: {
      openUrl: `${BASE}/t/o/${signToken('open', [42])}`,
      unsubscribeUrl: `${BASE}/t/u/${signToken('unsubscribe', [42])}`,
      clickUrl: (url) => `${BASE}/t/c/${signToken('click', [42, ids.get(url)!])}`,
    },
  });
}

describe('neutraliseTracking', () => {
  it('drops the pixel, points tracked links at their targets and disarms unsubscribe, in HTML and text', () => {
    const mail = trackedMail();
    expect(trackedLinkIds(mail.html, mail.text).sort()).toEqual([7, 8]);
    const html = neutraliseTracking(mail.html, LINKS, escapeHtml);
    const text = neutraliseTracking(mail.text, LINKS);
    expect(`${html}\n${text}`).not.toMatch(/\/t\/[ocu]\//);
    expect(html).toContain(`href="${escapeHtml('https://shop.example/sale?a=1&b=2')}"`);
    expect(html).toContain('href="https://shop.example/beans"');
    expect(html).toContain('src="https://cdn.example/x.png"');
    expect(text).toContain('Shop: https://shop.example/sale?a=1&b=2');
  });

  it('a forged token or a link of another workspace (not in the map) goes nowhere', () => {
    const forged = `<a href="${BASE}/t/c/${signToken('open', [42, 7])}">x</a>`;
    expect(trackedLinkIds(forged)).toEqual([]);
    expect(neutraliseTracking(forged, LINKS)).toBe('<a href="#">x</a>');
    const foreign = `<a href="${BASE}/t/c/${signToken('click', [42, 99])}">x</a>`;
    expect(neutraliseTracking(foreign, LINKS)).toBe('<a href="#">x</a>');
  });
});
