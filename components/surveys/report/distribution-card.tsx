import { getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { formatRate, percent, scoreRange, surveyGroup } from '@/lib/metrics';
import type { SurveyReport } from '@/lib/reports/survey';
import { GROUP_COLORS, GROUP_ORDER } from './groups';

/** The 0–10 (or 1–5) distribution of confirmed answers, one bar per score, coloured by group. */
export async function DistributionCard({ report }: { report: SurveyReport }) {
  const t = await getTranslations('surveys.report');
  const locale = await getLocale();
  const { kind } = report.survey;
  const { min, max } = scoreRange(kind);
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const total = report.headline.total;
  const peak = Math.max(1, ...scores.map((s) => report.histogram[s]));
  return (
    <Card title={t('distribution.title')} description={t('distribution.hint', { count: total })}>
      <ol className="flex h-64 items-end gap-1 sm:gap-2" aria-label={t('distribution.title')} data-testid="distribution">
        {scores.map((s) => {
          const n = report.histogram[s];
          const group = surveyGroup(kind, s);
          const share = formatRate(percent(n, total), locale, t('noData'));
          return (
            <li key={s} className="flex h-full min-w-0 flex-1 flex-col items-center" data-testid={`bar-${s}`}>
              <span className="sr-only">{t('distribution.bar', { score: s, count: n, share, group: t(`group.${kind}.${group}`) })}</span>
              <div aria-hidden className="flex w-full flex-1 flex-col items-center justify-end">
                <span className="mb-1 text-[11px] tabular-nums text-zinc-600">{n}</span>
                <span className="block w-full rounded-t-sm" style={{ height: `${(n / peak) * 85}%`, minHeight: n ? 2 : 0, background: GROUP_COLORS[group] }} />
              </div>
              <span aria-hidden className="mt-1 text-xs font-medium tabular-nums text-zinc-800">
                {s}
              </span>
            </li>
          );
        })}
      </ol>
      <ul className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600" aria-hidden>
        {GROUP_ORDER.map((g) => (
          <li key={g} className="flex items-center gap-1.5">
            <span className="inline-block size-2.5 rounded-sm" style={{ background: GROUP_COLORS[g] }} />
            {t(`groups.${kind}.${g}`)} {t(`groupRange.${kind}.${g}`)}
          </li>
        ))}
      </ul>
    </Card>
  );
}
