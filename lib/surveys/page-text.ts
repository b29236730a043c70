/**
 * The texts of the public survey pages in English and Dutch. The bare /s/ path serves these pages
 * without Next.js, so they cannot come from next-intl; they live here, beside the renderer, and
 * the builder preview uses them through the same renderer. Client-safe (no node imports).
 */
import type { SurveyGroup, SurveyKind } from '@/lib/db/schema/surveys/constants';

export type PageLocale = 'en' | 'nl';

export interface PageText {
  question: Record<SurveyKind, string>;
  low: Record<SurveyKind, string>;
  high: Record<SurveyKind, string>;
  commentLabel: string;
  /** Used for detractors when the survey configures no follow-up question of its own. */
  exitQuestion: string;
  thankYou: Record<SurveyGroup, string>;
  submit: string;
  sendComment: string;
  yourScore: (score: number) => string;
  review: string;
  referral: string;
  canChangeUntil: (when: string) => string;
  changeAnswer: string;
  locked: string;
  scoreRequired: (min: number, max: number) => string;
  commentTooLong: (max: number) => string;
  formProblem: string;
  closedTitle: string;
  closedBody: string;
  notFoundTitle: string;
  notFoundBody: string;
  tooManyTitle: string;
  tooManyBody: (minutes: number) => string;
  tooLargeTitle: string;
  tooLargeBody: string;
  errorTitle: string;
  errorBody: string;
  methodTitle: string;
  preview: string;
  skipToForm: string;
}

export const PAGE_TEXT: Record<PageLocale, PageText> = {
  en: {
    question: {
      nps: 'How likely is it that you would recommend us to a friend or colleague?',
      csat: 'How satisfied are you with us?',
    },
    low: { nps: 'Not at all likely', csat: 'Very dissatisfied' },
    high: { nps: 'Extremely likely', csat: 'Very satisfied' },
    commentLabel: 'Anything you would like to add? (optional)',
    exitQuestion: 'What went wrong?',
    thankYou: {
      promoter: 'Thank you! We are glad to hear it.',
      passive: 'Thank you for your answer!',
      detractor: 'Thank you for your honest answer.',
    },
    submit: 'Send',
    sendComment: 'Send',
    yourScore: (s) => `Your score: ${s}`,
    review: 'Write a review',
    referral: 'Recommend us to a friend',
    canChangeUntil: (when) => `You can change your answer until ${when}.`,
    changeAnswer: 'Change your answer',
    locked: 'Your answer has been recorded and can no longer be changed.',
    scoreRequired: (min, max) => `Choose a score from ${min} to ${max}.`,
    commentTooLong: (max) => `Your comment is too long: at most ${max.toLocaleString('en-US')} characters.`,
    formProblem: 'Please correct the marked field and send again.',
    closedTitle: 'This survey is closed',
    closedBody: 'Thank you for your interest. This survey no longer accepts answers.',
    notFoundTitle: 'Survey not found',
    notFoundBody: 'This link is not valid or no longer exists.',
    tooManyTitle: 'Too many answers',
    tooManyBody: (m) => `Too many answers came from your connection. Please try again in ${m} ${m === 1 ? 'minute' : 'minutes'}.`,
    tooLargeTitle: 'Your answer is too long',
    tooLargeBody: 'We could not accept the form because it was too large. Shorten your comment and try again.',
    errorTitle: 'Something went wrong',
    errorBody: 'We could not handle your answer just now. Please try again in a few minutes.',
    methodTitle: 'Method not allowed',
    preview: 'Preview',
    skipToForm: 'Skip to the question',
  },
  nl: {
    question: {
      nps: 'Hoe waarschijnlijk is het dat je ons zou aanbevelen aan een vriend of collega?',
      csat: 'Hoe tevreden ben je over ons?',
    },
    low: { nps: 'Helemaal niet waarschijnlijk', csat: 'Zeer ontevreden' },
    high: { nps: 'Zeer waarschijnlijk', csat: 'Zeer tevreden' },
    commentLabel: 'Wil je nog iets toevoegen? (optioneel)',
    exitQuestion: 'Wat ging er mis?',
    thankYou: {
      promoter: 'Bedankt! Fijn om te horen.',
      passive: 'Bedankt voor je antwoord!',
      detractor: 'Bedankt voor je eerlijke antwoord.',
    },
    submit: 'Versturen',
    sendComment: 'Versturen',
    yourScore: (s) => `Jouw score: ${s}`,
    review: 'Schrijf een review',
    referral: 'Beveel ons aan bij een vriend',
    canChangeUntil: (when) => `Je kunt je antwoord wijzigen tot ${when}.`,
    changeAnswer: 'Antwoord wijzigen',
    locked: 'Je antwoord is vastgelegd en kan niet meer worden gewijzigd.',
    scoreRequired: (min, max) => `Kies een score van ${min} tot en met ${max}.`,
    commentTooLong: (max) => `Je opmerking is te lang: maximaal ${max.toLocaleString('nl-NL')} tekens.`,
    formProblem: 'Verbeter het gemarkeerde veld en verstuur opnieuw.',
    closedTitle: 'Deze enquête is gesloten',
    closedBody: 'Bedankt voor je interesse. Deze enquête neemt geen antwoorden meer aan.',
    notFoundTitle: 'Enquête niet gevonden',
    notFoundBody: 'Deze link is niet geldig of bestaat niet meer.',
    tooManyTitle: 'Te veel antwoorden',
    tooManyBody: (m) => `Er kwamen te veel antwoorden van jouw verbinding. Probeer het over ${m} ${m === 1 ? 'minuut' : 'minuten'} opnieuw.`,
    tooLargeTitle: 'Je antwoord is te lang',
    tooLargeBody: 'We konden het formulier niet aannemen omdat het te groot was. Maak je opmerking korter en probeer het opnieuw.',
    errorTitle: 'Er ging iets mis',
    errorBody: 'We konden je antwoord nu niet verwerken. Probeer het over een paar minuten opnieuw.',
    methodTitle: 'Methode niet toegestaan',
    preview: 'Voorbeeld',
    skipToForm: 'Naar de vraag',
  },
};

/** The survey's language, or the browser's (Accept-Language) when the survey says `auto`. */
export function surveyPageLocale(surveyLocale: string, acceptLanguage: string | undefined | null, fallback?: string | null): PageLocale {
  if (surveyLocale === 'en' || surveyLocale === 'nl') return surveyLocale;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase().slice(0, 2);
    if (tag === 'en' || tag === 'nl') return tag;
  }
  return fallback === 'nl' ? 'nl' : 'en';
}
