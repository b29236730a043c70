'use client';

import { useTranslations } from 'next-intl';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { SURVEY_GROUPS, type SurveyGroup, type SurveyKind } from '@/lib/db/schema/surveys/constants';
import { renderSurveyPage, type PageLocale, type SurveyLook, type SurveyPageState } from '@/lib/surveys/render';

/** A score that lands in each group, for showing that group's follow-up and thank-you. */
const SAMPLE_SCORE: Record<SurveyKind, Record<SurveyGroup, number>> = {
  nps: { promoter: 10, passive: 8, detractor: 4 },
  csat: { promoter: 5, passive: 3, detractor: 2 },
};

type PreviewStep = 'ask' | `followUp:${SurveyGroup}` | `thanks:${SurveyGroup}` | 'closed';

function stateFor(step: PreviewStep, kind: SurveyKind): SurveyPageState {
  if (step === 'ask' || step === 'closed') return { step };
  const [which, group] = step.split(':') as ['followUp' | 'thanks', SurveyGroup];
  const score = SAMPLE_SCORE[kind][group];
  return which === 'followUp' ? { step: 'followUp', score, group } : { step: 'thanks', score, group };
}

/**
 * The public page as respondents will see it, from the very renderer the /s/ handler serves:
 * a script-less sandboxed iframe, so nothing in it can run or be answered.
 */
export function SurveyPreview({
  look,
  locale,
  onLocale,
  links,
}: {
  look: SurveyLook;
  locale: PageLocale;
  onLocale: (l: PageLocale) => void;
  links: { review?: string; referral?: string };
}) {
  const t = useTranslations('surveys.builder');
  const id = useId();
  const [step, setStep] = useState<PreviewStep>('ask');
  const deferred = useDeferredValue(look);
  const html = useMemo(
    () =>
      renderSurveyPage({
        look: deferred,
        locale,
        state: stateFor(step, deferred.kind),
        preview: true,
        followUpLinks: { ...links, ...(deferred.passiveNextStep ? { next: deferred.passiveNextStep.url } : {}) },
      }),
    [deferred, locale, step, links],
  );
  const group = (g: SurveyGroup) => t(`groups.${look.kind}.${g}`);
  const options: { value: PreviewStep; label: string }[] = [
    { value: 'ask', label: t('previewStates.ask') },
    ...SURVEY_GROUPS.map((g) => ({ value: `followUp:${g}` as const, label: t('previewStates.followUp', { group: group(g) }) })),
    ...SURVEY_GROUPS.map((g) => ({ value: `thanks:${g}` as const, label: t('previewStates.thanks', { group: group(g) }) })),
    { value: 'closed', label: t('previewStates.closed') },
  ];
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h2 id={`${id}-title`} className="text-sm font-semibold text-zinc-900">
        {t('preview')}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor={`${id}-step`} className="block text-xs font-medium text-zinc-600">
            {t('previewState')}
          </label>
          <select
            id={`${id}-step`}
            value={step}
            onChange={(e) => setStep(e.target.value as PreviewStep)}
            className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-zinc-900 ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-brand-600"
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div role="group" aria-label={t('previewLocale')} className="flex rounded-lg ring-1 ring-inset ring-zinc-300">
          {(['en', 'nl'] as const).map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={locale === l}
              onClick={() => onLocale(l)}
              className={cn(
                'min-h-10 px-3 text-sm font-medium first:rounded-l-lg last:rounded-r-lg',
                locale === l ? 'bg-brand-600 text-white' : 'text-zinc-700 hover:bg-zinc-50',
              )}
            >
              {t(`locales.${l}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="overflow-hidden rounded-xl bg-white ring-1 ring-zinc-200">
        <iframe title={t('previewTitle')} sandbox="" srcDoc={html} className="h-[38rem] w-full" data-testid="survey-preview" />
      </div>
    </section>
  );
}
