import { randomBytes } from 'node:crypto';

/** A public survey link's token: 128 random bits, base64url, 22 characters. */
export function newSurveyToken(): string {
  return randomBytes(16).toString('base64url');
}

export const SURVEY_TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;
