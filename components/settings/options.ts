'use client';

import { useTranslations } from 'next-intl';
import { INDUSTRIES, LOCALES } from '@/lib/db/schema/workspaces/constants';

export function useIndustryOptions() {
  const t = useTranslations('industries');
  return INDUSTRIES.map((value) => ({ value, label: t(value) }));
}

export function useLocaleOptions() {
  const t = useTranslations('locales');
  return LOCALES.map((value) => ({ value, label: t(value) }));
}
