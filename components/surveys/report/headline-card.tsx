import { getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { formatMargin, formatPoints, formatRate, formatScore } from '@/lib/metrics';
import type { SurveyReport } from '@/lib/reports/survey';
import { FormulaTip } from './formula-tip';
import { Gauge } from './gauge';
import { GROUP_COLORS, GROUP_ORDER } from './groups';

/** The headline: NPS (or CSAT) on a gauge with its margin, group shares, answers, the Dutch-scoring note and response rate. */
export async function HeadlineCard({ report }: { report: SurveyReport }) {
  const t = await getTranslations('surveys.report');
  const locale = await getLocale();
  const nd = t('noData');
  const { kind } = report.survey;
  const h = report.headline;
  const rate = (v: number | null) => formatRate(v, locale, nd);
  const isNps = kind === 'nps';
  const value = isNps ? formatPoints(h.score, locale, nd) : rate(h.score);
  const scoreFormula = isNps
    ? t('formula.nps', { promoters: rate(h.shares.promoter), detractors: rate(h.shares.detractor) })
    : t('formula.csat', { satisfied: h.counts.promoters, total: h.total });
  const marginFormula = t(isNps ? 'formula.npsMargin' : 'formula.csatMargin', { n: h.total });
  const gaugeLabel = isNps ? t('gauge.nps', { value }) : t('gauge.csat', { value });
  return (
    <Card title={t(isNps ? 'headline.npsTitle' : 'headline.csatTitle')}>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,16rem)_minmax(0,1fr)_minmax(0,1fr)]">
        <div className="flex flex-col items-center text-center">
          <Gauge value={h.score} min={isNps ? -100 : 0} max={100} origin={isNps ? 0 : 0} label={gaugeLabel} minLabel={isNps ? '−100' : '0 %'} maxLabel={isNps ? '+100' : '100 %'} />
          <p className="-mt-10 text-4xl font-semibold tabular-nums text-zinc-900" data-testid="survey-score">
            <FormulaTip formula={scoreFormula} align="center">{value}</FormulaTip>
          </p>
          <p className="mt-1 text-sm text-zinc-600" data-testid="survey-margin">
            <FormulaTip formula={marginFormula} align="center">{t('headline.margin', { margin: formatMargin(h.margin, locale, nd) })}</FormulaTip>
          </p>
          <p className="mt-1 text-sm text-zinc-600" data-testid="survey-answers">
            {t('headline.answers', { count: h.total })}
          </p>
        </div>
        <div>
          <h3 className="mb-3 text-sm font-medium text-zinc-700">{t('headline.shares')}</h3>
          <ul className="space-y-3">
            {GROUP_ORDER.map((g) => (
              <li key={g} data-testid={`share-${g}`}>
                <div className="flex items-baseline justify-between gap-3 text-sm">
                  <span className="flex items-center gap-2 text-zinc-700">
                    <span aria-hidden className="inline-block size-2.5 rounded-full" style={{ background: GROUP_COLORS[g] }} />
                    {t(`groups.${kind}.${g}`)} <span className="text-xs text-zinc-500">{t(`groupRange.${kind}.${g}`)}</span>
                  </span>
                  <span className="font-medium tabular-nums text-zinc-900">
                    <FormulaTip formula={t('formula.share', { count: h.counts[`${g}s`], total: h.total })} align="right">
                      {h.counts[`${g}s`]} · {rate(h.shares[g])}
                    </FormulaTip>
                  </span>
                </div>
                <div className="mt-1 h-2 overflow-hidden rounded-full bg-zinc-100" aria-hidden>
                  <div className="h-full rounded-full" style={{ width: `${Math.min(100, h.shares[g] ?? 0)}%`, background: GROUP_COLORS[g] }} />
                </div>
              </li>
            ))}
          </ul>
        </div>
        <div className="space-y-4 text-sm">
          {report.dutch ? (
            <div className="rounded-lg bg-sky-50 p-3 text-sky-950 ring-1 ring-inset ring-sky-200" data-testid="dutch-note">
              <p className="font-medium">{t('dutch.title')}</p>
              <p className="mt-1">
                <FormulaTip formula={t('formula.mean', { n: h.total })}>{t('dutch.mean', { mean: formatScore(report.dutch.mean, locale, nd) })}</FormulaTip>
                {' · '}
                <FormulaTip formula={t('formula.praise', { min: report.dutch.praiseMin, n: h.total })}>
                  {t('dutch.praise', { share: rate(report.dutch.praiseShare), min: report.dutch.praiseMin })}
                </FormulaTip>
              </p>
              <p className="mt-1 text-xs text-sky-900">{t('dutch.body')}</p>
            </div>
          ) : null}
          {report.response ? (
            <div data-testid="response-rate">
              <p className="text-zinc-600">{t('response.title')}</p>
              <p className="text-2xl font-semibold tabular-nums text-zinc-900">
                <FormulaTip formula={t('formula.responseRate', { answered: report.response.answered, delivered: report.response.delivered })}>{rate(report.response.rate)}</FormulaTip>
              </p>
              <p className="text-xs text-zinc-500">{t('response.detail', { answered: report.response.answered, delivered: report.response.delivered, campaigns: report.response.campaigns })}</p>
            </div>
          ) : (
            <p className="text-xs text-zinc-500">{t('response.notSent')}</p>
          )}
          {report.statusCounts.provisional ? (
            <p className="rounded-lg bg-amber-50 p-3 text-amber-950 ring-1 ring-inset ring-amber-200" data-testid="provisional-note">
              {t('provisional', { count: report.statusCounts.provisional })}
            </p>
          ) : null}
          {report.statusCounts.flagged ? (
            <p className="text-xs text-zinc-500" data-testid="flagged-note">
              {t('flagged', { count: report.statusCounts.flagged })}
            </p>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
