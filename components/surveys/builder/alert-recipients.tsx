'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { SurveyKind } from '@/lib/db/schema/surveys/constants';

export interface MemberOption {
  userId: string;
  name: string;
  email: string;
}

/** The members who get a mail for every detractor (CSAT: dissatisfied) answer. */
export function AlertRecipients({
  kind,
  members,
  value,
  onChange,
  error,
}: {
  kind: SurveyKind;
  members: MemberOption[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const t = useTranslations('surveys.builder');
  const id = useId();
  const chosen = new Set(value);
  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-zinc-800">{t('alerts', { kind })}</legend>
      <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500">
        {t('alertsHint')}
      </p>
      <ul className="mt-2 grid gap-1 sm:grid-cols-2">
        {members.map((m) => (
          <li key={m.userId}>
            <label className="flex min-h-10 cursor-pointer items-center gap-2 rounded-lg px-2 py-1.5 text-sm hover:bg-zinc-50">
              <input
                type="checkbox"
                className="size-4 shrink-0 rounded border-zinc-300 text-brand-600"
                checked={chosen.has(m.userId)}
                onChange={(e) => onChange(e.target.checked ? [...value, m.userId] : value.filter((x) => x !== m.userId))}
              />
              <span className="min-w-0">
                <span className="block truncate font-medium text-zinc-900">{m.name}</span>
                <span className="block truncate text-xs text-zinc-500">{m.email}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error ? <p className="mt-1.5 text-sm text-red-700">{error}</p> : null}
    </fieldset>
  );
}
