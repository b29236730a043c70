import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { formatMargin, formatPoints, formatRate } from '@/lib/metrics';
import type { SurveyReport, TrendPoint } from '@/lib/reports/survey';
import { TREND_PERIODS } from '@/lib/reports/survey-periods';
import { FormulaTip } from './formula-tip';
import { SurveyTrendChart } from './trend-chart';

/** The score per week or month (a URL toggle) and the change between the two latest periods, with its significance. */
export async function TrendCard({ report, hrefFor }: { report: SurveyReport; hrefFor: (period: string) => string }) {
  const t = await getTranslations('surveys.report');
  const locale = await getLocale();
  const format = await getFormatter();
  const nd = t('noData');
  const { kind } = report.survey;
  const { period, points } = report.trend;
  // 'YYYY-MM-DD' on the workspace's calendar; mid-day UTC stays on that date in every time zone.
  const day = (start: string) => new Date(`${start}T12:00:00Z`);
  const label = (p: TrendPoint) =>
    period === 'week' ? t('trend.weekOf', { date: format.dateTime(day(p.start), { day: 'numeric', month: 'short' }) }) : format.dateTime(day(p.start), { month: 'short', year: 'numeric' });
  const scoreText = (v: number | null) => (kind === 'nps' ? formatPoints(v, locale, nd) : formatRate(v, locale, nd));
  const scoreName = t(kind === 'nps' ? 'trend.nps' : 'trend.csat');
  const c = report.comparison;
  return (
    <Card
      title={t('trend.title')}
      description={`${t('trend.hint', { timeZone: report.timeZone })}${report.trend.truncated ? ` ${t(`trend.truncated.${period}`, { count: points.length })}` : ''}`}
    >
      <nav aria-label={t('trend.periodLabel')} className="mb-4 flex gap-1">
        {TREND_PERIODS.map((p) => (
          <Link
            key={p}
            href={hrefFor(p)}
            scroll={false}
            aria-current={p === period ? 'page' : undefined}
            className={cn('rounded-lg px-3 py-1.5 text-sm', p === period ? 'bg-brand-50 font-semibold text-brand-800' : 'text-zinc-600 hover:bg-zinc-100')}
          >
            {t(`trend.${p}`)}
          </Link>
        ))}
      </nav>
      <SurveyTrendChart
        title={t('trend.title')}
        domain={kind === 'nps' ? [-100, 100] : [0, 100]}
        labels={{ period: t(`trend.${period}`), score: scoreName, answers: t('trend.answers') }}
        rows={points.map((p) => ({ period: label(p), score: p.score === null ? null : Math.round(p.score * 10) / 10, answers: p.total, scoreText: scoreText(p.score) }))}
      />
      <div className="mt-4 border-t border-zinc-100 pt-4 text-sm" data-testid="comparison">
        <h3 className="font-medium text-zinc-800">{t('compare.title')}</h3>
        {!c ? (
          <p className="mt-1 text-zinc-600">{t('compare.tooFew')}</p>
        ) : (
          <>
            <p className="mt-1 text-zinc-600">
              {t('compare.periods', {
                later: label(c.later),
                laterScore: scoreText(c.later.score),
                laterN: c.later.total,
                earlier: label(c.earlier),
                earlierScore: scoreText(c.earlier.score),
                earlierN: c.earlier.total,
              })}
            </p>
            {!c.change ? (
              <p className="mt-1 text-zinc-700">{t('compare.noData')}</p>
            ) : (
              <p className={cn('mt-1 font-medium', c.change.significant ? 'text-zinc-900' : 'text-zinc-700')} data-testid="comparison-verdict" data-significant={String(c.change.significant)}>
                <FormulaTip
                  formula={t('formula.change', {
                    later: scoreText(c.later.score),
                    earlier: scoreText(c.earlier.score),
                    threshold: formatMargin(c.change.threshold, locale, nd),
                  })}
                >
                  {t(c.change.significant ? 'compare.significant' : 'compare.noise', {
                    change: formatPoints(c.change.change, locale, nd),
                    n: c.earlier.total + c.later.total,
                    threshold: formatMargin(c.change.threshold, locale, nd),
                  })}
                </FormulaTip>
              </p>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
