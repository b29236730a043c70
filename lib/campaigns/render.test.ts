import { describe, expect, it } from 'vitest';
import type { ContentBlock } from '@/lib/db/schema/campaigns';
import { linkTargets, renderCampaignMail } from './render';

const blocks: ContentBlock[] = [
  { type: 'heading', text: 'Hello {{ first_name | "friend" }}' },
  { type: 'text', text: 'Line one\nLine <two>' },
  { type: 'button', text: 'Shop now', url: 'https://shop.example/sale' },
  { type: 'image', src: 'https://cdn.example/a.png', alt: 'Beans', href: 'https://shop.example/beans' },
  { type: 'button', text: 'Again', url: 'https://shop.example/sale' },
  { type: 'divider' },
];
const footer = { address: 'Koffiestraat 1, Utrecht', unsubscribeLabel: 'Unsubscribe', reason: 'You get this because you subscribed.' };

describe('renderCampaignMail', () => {
  const tracked = renderCampaignMail({
    subject: 'Sale for {{ first_name }}',
    previewText: '20% off',
    blocks,
    contact: { email: 'ada@example.test', firstName: 'Ada' },
    locale: 'en',
    footer,
    tracking: {
      openUrl: 'https://t.example/t/o/OPEN',
      unsubscribeUrl: 'https://t.example/t/u/UNSUB',
      clickUrl: (url) => `https://t.example/t/c/${encodeURIComponent(url)}`,
    },
  });

  it('merges the subject and body', () => {
    expect(tracked.subject).toBe('Sale for Ada');
    expect(tracked.html).toContain('Hello Ada');
    expect(tracked.text).toContain('HELLO ADA');
  });

  it('rewrites every link to the tracker and keeps no raw target in the HTML', () => {
    expect(tracked.html).not.toContain('href="https://shop.example');
    expect(tracked.html).toContain('https://t.example/t/c/https%3A%2F%2Fshop.example%2Fsale');
    expect(tracked.text).toContain('Shop now: https://t.example/t/c/');
  });

  it('adds the pixel, the unsubscribe link and RFC 8058 headers', () => {
    expect(tracked.html).toContain('src="https://t.example/t/o/OPEN"');
    expect(tracked.html).toContain('https://t.example/t/u/UNSUB');
    expect(tracked.headers).toEqual({
      'List-Unsubscribe': '<https://t.example/t/u/UNSUB>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('escapes content and keeps line breaks', () => {
    expect(tracked.html).toContain('Line one<br>Line &lt;two&gt;');
  });

  it('previews without tracking', () => {
    const preview = renderCampaignMail({ subject: 's', previewText: '', blocks, contact: { email: 'x@y.z' }, locale: 'nl', footer });
    expect(preview.html).toContain('href="https://shop.example/sale"');
    expect(preview.html).toContain('Hello friend');
    expect(preview.headers).toEqual({});
  });
});

describe('linkTargets', () => {
  it('lists distinct URLs in order', () => {
    expect(linkTargets(blocks)).toEqual(['https://shop.example/sale', 'https://shop.example/beans']);
  });
});

describe('survey block', () => {
  const survey = { type: 'survey', surveyId: 'S1' } as const;
  const surveys = { S1: { kind: 'nps' as const, question: 'Would you recommend Roasters?', brandColor: '#0f766e', locale: 'nl' as const, publicUrl: 'https://p.example/s/PUBLIC' } };
  const base = { subject: 's', previewText: '', blocks: [survey], contact: { email: 'x@y.z' }, locale: 'nl', footer };

  it('a sent mail: every score is the recipient’s own link, plus their personal page; the text part lists them', () => {
    const mail = renderCampaignMail({
      ...base,
      surveys,
      tracking: {
        openUrl: 'o',
        unsubscribeUrl: 'u',
        clickUrl: (u) => u,
        scoreUrl: (score) => `https://t.example/t/s/TOKEN${score}`,
        surveyUrl: 'https://t.example/s/p/PERSONAL',
      },
    });
    for (let s = 0; s <= 10; s++) {
      expect(mail.html).toContain(`href="https://t.example/t/s/TOKEN${s}"`);
      expect(mail.text).toContain(`${s}: https://t.example/t/s/TOKEN${s}`);
    }
    expect(mail.html).not.toContain('PUBLIC');
    expect(mail.html).toContain('href="https://t.example/s/p/PERSONAL"');
    expect(mail.html).toContain('Of open de enquête');
    expect(mail.text).toContain('Of open de enquête: https://t.example/s/p/PERSONAL');
    expect(mail.html).toContain('Would you recommend Roasters?');
  });

  it('a preview links to the public page with ?score=N', () => {
    const mail = renderCampaignMail({ ...base, surveys });
    for (let s = 0; s <= 10; s++) expect(mail.html).toContain(`href="https://p.example/s/PUBLIC?score=${s}"`);
    expect(mail.html).toContain('href="https://p.example/s/PUBLIC"');
  });

  it('a survey that is not loaded (deleted, another workspace) renders nothing', () => {
    const mail = renderCampaignMail({ ...base, surveys: {} });
    expect(mail.html).not.toContain('/t/s/');
    expect(mail.html).not.toContain('score=');
  });

  it('is not a campaign link (score links are their own tracked path)', () => {
    expect(linkTargets([survey])).toEqual([]);
  });
});
