import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { FormulaTip } from '@/components/surveys/report/formula-tip';
import { Gauge } from '@/components/surveys/report/gauge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatMargin, formatPoints, formatRate } from '@/lib/metrics';
import type { DashboardNps } from '@/lib/reports/survey-dashboard';

/** The workspace's NPS over the last 90 days (all NPS surveys), with its margin, and a link to the latest survey's report. */
export async function NpsCard({ nps, slug }: { nps: DashboardNps; slug: string }) {
  const t = await getTranslations('dashboard');
  const tr = await getTranslations('surveys.report');
  const locale = await getLocale();
  const nd = t('noData');
  if (nps.total === 0) {
    return (
      <Card title={t('npsTitle')}>
        <p className="text-sm text-zinc-600" data-testid="dashboard-nps-empty">
          {t('npsEmpty', { days: nps.days })}
        </p>
        <Link className={`${buttonClass('secondary')} mt-4`} href={`/w/${slug}/surveys`}>
          {t('npsToSurveys')}
        </Link>
      </Card>
    );
  }
  const value = formatPoints(nps.score, locale, nd);
  return (
    <Card title={t('npsTitle')} description={t('npsScope', { days: nps.days, surveys: nps.surveys })}>
      <div className="flex flex-col items-center text-center" data-testid="dashboard-nps">
        <Gauge value={nps.score} min={-100} max={100} origin={0} label={t('npsGauge', { value })} minLabel="−100" maxLabel="+100" />
        <p className="-mt-10 text-4xl font-semibold tabular-nums text-zinc-900">
          <FormulaTip
            align="center"
            formula={t('npsFormula', { promoters: formatRate(nps.shares.promoter, locale, nd), detractors: formatRate(nps.shares.detractor, locale, nd) })}>
            <span data-testid="dashboard-nps-value">{value}</span>
          </FormulaTip>
        </p>
        <p className="mt-1 text-sm text-zinc-600">
          <FormulaTip align="center" formula={tr('formula.npsMargin', { n: nps.total })}>
            {t('npsMargin', { margin: formatMargin(nps.margin, locale, nd) })}
          </FormulaTip>
        </p>
        <p className="text-sm text-zinc-600">{t('npsAnswers', { count: nps.total })}</p>
        {nps.latest ? (
          <Link className="mt-3 text-sm font-medium text-brand-700 hover:underline" href={`/w/${slug}/surveys/${nps.latest.id}`}>
            {t('npsReport', { name: nps.latest.name })}
          </Link>
        ) : null}
      </div>
    </Card>
  );
}
