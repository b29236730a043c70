import { signToken } from '@/lib/tracking/token';

/**
 * Every URL a survey is reached by. The public page and the score clicks are served by the bare
 * handlers in scripts/server.ts (like /t/…), not by Next.js: they are the hot public paths.
 *   /s/<publicToken>          the anonymous public link (22-char random token, 128 bits)
 *   /s/p/<token(sendId)>      a contact's personal link, from a campaign mail (HMAC, 128-bit MAC)
 *   /t/s/<token(sendId,score)> a score button inside a mail: records, then opens the personal page
 */
const trim = (base: string) => base.replace(/\/+$/, '');

export const publicSurveyUrl = (baseUrl: string, publicToken: string) => `${trim(baseUrl)}/s/${publicToken}`;

export const personalSurveyUrl = (baseUrl: string, sendId: number) => `${trim(baseUrl)}/s/p/${signToken('survey', [sendId])}`;

export const scoreClickUrl = (baseUrl: string, sendId: number, score: number) => `${trim(baseUrl)}/t/s/${signToken('score', [sendId, score])}`;
