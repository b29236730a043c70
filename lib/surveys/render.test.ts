import { describe, expect, it } from 'vitest';
import { surveyGroup } from '@/lib/metrics';
import { PAGE_TEXT } from './page-text';
import { contrastRatio, renderSurveyPage, safeBrandColor, textOn, type SurveyLook } from './render';

const look = (over: Partial<SurveyLook> = {}): SurveyLook => ({
  kind: 'nps',
  question: '',
  followUp: {},
  thankYou: {},
  passiveNextStep: null,
  brandColor: '#4f46e5',
  logoUrl: null,
  workspaceName: 'Acme',
  ...over,
});

describe('renderSurveyPage', () => {
  it('escapes everything that comes from the survey and the respondent', () => {
    const evil = '<script>alert(1)</script>"\'&';
    const html = renderSurveyPage({
      look: look({ question: evil, workspaceName: evil, logoUrl: `https://x.example/"><script>` }),
      locale: 'en',
      state: { step: 'ask', comment: evil, errors: { form: evil } },
      action: '/s/abc',
      nonce: 'n0nce',
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(html).not.toContain('"><script>');
    // Exactly one script element: ours, with the nonce.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="n0nce">');
  });

  it('the preview has no script, an inert form and a visible ribbon', () => {
    for (const locale of ['en', 'nl'] as const) {
      const html = renderSurveyPage({ look: look(), locale, state: { step: 'ask' }, preview: true, nonce: 'x', action: '/s/x' });
      expect(html).not.toContain('<script');
      expect(html).not.toContain('method="post"');
      expect(html).toContain('type="button"');
      expect(html).toContain(PAGE_TEXT[locale].preview);
    }
  });

  it('each radio carries its group’s follow-up wording, matching lib/metrics for every score', () => {
    for (const kind of ['nps', 'csat'] as const) {
      const followUp = { promoter: 'P?', passive: 'N?', detractor: 'D?' };
      const html = renderSurveyPage({ look: look({ kind, followUp }), locale: 'en', state: { step: 'ask' } });
      const wording = { promoter: 'P?', passive: 'N?', detractor: 'D?' };
      for (const [, value, f] of html.matchAll(/value="(\d+)" required data-f="([^"]*)"/g)) {
        expect(f).toBe(wording[surveyGroup(kind, Number(value))]);
      }
    }
  });

  it('detractors are asked "What went wrong?" when the survey sets no question of its own', () => {
    const html = renderSurveyPage({ look: look(), locale: 'nl', state: { step: 'followUp', score: 2, group: 'detractor' }, action: '/s/x' });
    expect(html).toContain('Wat ging er mis?');
    expect(html).toContain('name="step" value="followUp"');
  });

  it('promoters see review and referral links, passives the next step, detractors neither', () => {
    const links = { review: '/s/t/go/review', referral: '/s/t/go/referral', next: '/s/t/go/next' };
    const l = look({ passiveNextStep: { label: 'Read <our> guide', url: 'https://x.example' } });
    const promoter = renderSurveyPage({ look: l, locale: 'en', state: { step: 'thanks', score: 10, group: 'promoter' }, followUpLinks: links });
    expect(promoter).toContain('/go/review');
    expect(promoter).toContain('/go/referral');
    expect(promoter).not.toContain('/go/next');
    const passive = renderSurveyPage({ look: l, locale: 'en', state: { step: 'thanks', score: 7, group: 'passive' }, followUpLinks: links });
    expect(passive).toContain('Read &lt;our&gt; guide');
    expect(passive).not.toContain('/go/review');
    const detractor = renderSurveyPage({ look: l, locale: 'en', state: { step: 'thanks', score: 1, group: 'detractor' }, followUpLinks: links });
    expect(detractor).not.toContain('/go/');
  });

  it('stays far below 50 kB', () => {
    const html = renderSurveyPage({ look: look(), locale: 'nl', state: { step: 'ask' }, action: '/s/x', nonce: 'x', submissionId: 'y' });
    expect(Buffer.byteLength(html)).toBeLessThan(12_000);
  });
});

describe('brand colour and contrast', () => {
  it.each([
    ['#4f46e5', '#4f46e5'],
    ['#FFF', '#ffffff'],
    ['red;}</style><script>', '#4f46e5'],
    ['url(x)', '#4f46e5'],
  ])('%s → %s', (input, expected) => expect(safeBrandColor(input)).toBe(expected));

  it.each(['#4f46e5', '#fde047', '#ffffff', '#000000', '#22c55e', '#777777', '#757575', '#767676', '#e11d48'])('text on %s reaches AA (4.5:1)', (brand) => {
    expect(contrastRatio(brand, textOn(brand))).toBeGreaterThanOrEqual(4.5);
  });
});

describe('page texts', () => {
  it('Dutch and English have the same keys', () => {
    expect(Object.keys(PAGE_TEXT.nl).sort()).toEqual(Object.keys(PAGE_TEXT.en).sort());
  });
});
