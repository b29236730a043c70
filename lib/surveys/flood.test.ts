import { describe, expect, it } from 'vitest';
import { browserIdFrom, browserKeyFor, surveyIpLimit, SURVEY_IP_LIMIT } from './flood';

describe('the per-browser cookie', () => {
  const id = 'AbCdEfGhIjKlMnOpQrStUv';
  it.each([
    [`pulse_sv=${id}`, id],
    [`a=1; pulse_sv=${id}; b=2`, id],
    ['pulse_sv=short', null],
    [`pulse_sv=${id}x`, null],
    [`xpulse_sv=${id}`, null],
    [undefined, null],
  ])('%s → %s', (header, expected) => expect(browserIdFrom(header)).toBe(expected));

  it('stores a per-survey key, never the id itself', () => {
    process.env.AUTH_SECRET ||= 'unit-test-secret-unit-test-secret-0123';
    const k1 = browserKeyFor(id, 'survey-1');
    expect(k1).toHaveLength(22);
    expect(k1).not.toContain(id);
    expect(browserKeyFor(id, 'survey-2')).not.toBe(k1);
    expect(browserKeyFor(id, 'survey-1')).toBe(k1);
  });
});

describe('surveyIpLimit', () => {
  it.each([
    [{}, SURVEY_IP_LIMIT],
    [{ PULSE_SURVEY_IP_LIMIT: '100000' }, 100000],
    [{ PULSE_SURVEY_IP_LIMIT: '0' }, SURVEY_IP_LIMIT],
    [{ PULSE_SURVEY_IP_LIMIT: 'lots' }, SURVEY_IP_LIMIT],
  ])('%o → %d', (env, expected) => expect(surveyIpLimit(env as NodeJS.ProcessEnv)).toBe(expected));
});
