'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Alert } from '@/components/ui/alert';
import { HEX_COLOR } from '@/lib/db/schema/surveys/validation';
import { MIN_TEXT_CONTRAST, whiteTextContrast } from './contrast';

/** A colour picker and its hex code side by side, with a warning when white text on it is hard to read. */
export function BrandColorField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const t = useTranslations('surveys.builder');
  const id = useId();
  const ratio = whiteTextContrast(value);
  const low = ratio !== null && ratio < MIN_TEXT_CONTRAST;
  return (
    <div className="space-y-1.5">
      <label htmlFor={`${id}-hex`} className="block text-sm font-medium text-zinc-800">
        {t('brandColor')}
      </label>
      <div className="flex items-center gap-2">
        <input
          type="color"
          aria-label={t('brandColorPicker')}
          value={HEX_COLOR.test(value) ? value.toLowerCase() : '#4f46e5'}
          onChange={(e) => onChange(e.target.value)}
          className="h-10 w-14 cursor-pointer rounded-lg border-0 bg-white p-1 ring-1 ring-inset ring-zinc-300 disabled:cursor-not-allowed"
        />
        <input
          id={`${id}-hex`}
          value={value}
          spellCheck={false}
          autoComplete="off"
          maxLength={7}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => onChange(e.target.value)}
          className="block w-32 rounded-lg border-0 bg-white px-3 py-2 font-mono text-sm text-zinc-900 ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-brand-600 disabled:bg-zinc-100 disabled:text-zinc-500 aria-[invalid=true]:ring-red-500"
        />
        <span aria-hidden className="inline-flex h-10 items-center rounded-lg px-3 text-sm font-semibold text-white" style={{ backgroundColor: HEX_COLOR.test(value) ? value : '#4f46e5' }}>
          10
        </span>
      </div>
      <p id={`${id}-hint`} className="text-xs text-zinc-500">
        {t('brandColorHint')}
      </p>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {low ? (
        <Alert tone="warning" className="mt-2">
          {t('contrastWarning', { ratio: ratio.toFixed(1) })}
        </Alert>
      ) : null}
    </div>
  );
}
