import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { cn } from '@/components/ui/cn';
import { CONVERSION_PERIOD_DAYS } from '@/lib/metrics';

/** 7 / 30 / 90 days as plain links (works without JavaScript); the current one is marked for screen readers. */
export async function PeriodPicker({ slug, days }: { slug: string; days: number }) {
  const t = await getTranslations('conversions');
  return (
    <nav aria-label={t('period')} className="mb-6 flex flex-wrap items-center gap-3 text-sm">
      <ul className="inline-flex rounded-lg bg-white p-1 shadow-sm ring-1 ring-zinc-200">
        {CONVERSION_PERIOD_DAYS.map((d) => (
          <li key={d}>
            <Link
              href={`/w/${slug}/conversions?days=${d}`}
              aria-current={d === days ? 'page' : undefined}
              data-testid={`period-${d}`}
              className={cn('block rounded-md px-3 py-1.5 font-medium', d === days ? 'bg-brand-600 text-white' : 'text-zinc-700 hover:bg-zinc-100')}
            >
              {t('periodDays', { days: d })}
            </Link>
          </li>
        ))}
      </ul>
      <span className="text-zinc-600">{t('comparedWith', { days })}</span>
    </nav>
  );
}
