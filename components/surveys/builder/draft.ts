import { SURVEY_LIMITS, type SurveyGroup, type SurveyKind, type SurveyLocale } from '@/lib/db/schema/surveys/constants';

/** The builder's form state (strings as typed); server pages build it, the builder edits it. */
export interface BuilderDraft {
  name: string;
  kind: SurveyKind;
  locale: SurveyLocale;
  question: string;
  followUp: Record<SurveyGroup, string>;
  thankYou: Record<SurveyGroup, string>;
  nextStepLabel: string;
  nextStepUrl: string;
  brandColor: string;
  logoUrl: string;
  changeWindowHours: string;
  alertUserIds: string[];
  closesAtLocal: string;
}

const blankGroups = (): Record<SurveyGroup, string> => ({ promoter: '', passive: '', detractor: '' });

export function emptyDraft(): BuilderDraft {
  return {
    name: '',
    kind: 'nps',
    locale: 'auto',
    question: '',
    followUp: blankGroups(),
    thankYou: blankGroups(),
    nextStepLabel: '',
    nextStepUrl: '',
    brandColor: '#4f46e5',
    logoUrl: '',
    changeWindowHours: String(SURVEY_LIMITS.defaultChangeWindowHours),
    alertUserIds: [],
    closesAtLocal: '',
  };
}
