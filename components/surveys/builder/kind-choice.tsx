'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { cn } from '@/components/ui/cn';
import { SURVEY_KINDS, type SurveyKind } from '@/lib/db/schema/surveys/constants';

/** NPS or CSAT as two labelled radio cards; fixed (disabled) once the survey has answers. */
export function KindChoice({ value, onChange, locked, error }: { value: SurveyKind; onChange: (k: SurveyKind) => void; locked?: boolean; error?: string }) {
  const t = useTranslations('surveys.builder');
  const id = useId();
  return (
    <fieldset aria-describedby={locked ? `${id}-locked` : undefined}>
      <legend className="text-sm font-medium text-zinc-800">{t('kind')}</legend>
      <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
        {SURVEY_KINDS.map((k) => (
          <label
            key={k}
            className={cn(
              'flex cursor-pointer items-start gap-3 rounded-lg px-3 py-2.5 text-sm ring-1 ring-inset has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 has-[:disabled]:cursor-not-allowed',
              value === k ? 'bg-brand-50 text-brand-900 ring-brand-600' : 'bg-white text-zinc-800 ring-zinc-300',
            )}
          >
            <input type="radio" name={`${id}-kind`} value={k} checked={value === k} disabled={locked} onChange={() => onChange(k)} className="mt-0.5 size-4 text-brand-600" />
            <span>{t(`kinds.${k}`)}</span>
          </label>
        ))}
      </div>
      {locked ? (
        <p id={`${id}-locked`} className="mt-1.5 text-xs text-zinc-500">
          {t('kindLocked')}
        </p>
      ) : null}
      {error ? <p className="mt-1.5 text-sm text-red-700">{error}</p> : null}
    </fieldset>
  );
}
