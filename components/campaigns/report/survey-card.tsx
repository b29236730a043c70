import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { formatPoints, formatRate } from '@/lib/metrics';
import type { CampaignSurveyFigures } from '@/lib/reports/survey-campaign';

/** A survey mail's answers on its campaign report, with the way to the survey's own report. */
export async function CampaignSurveyCard({ figures, slug }: { figures: CampaignSurveyFigures; slug: string }) {
  const t = await getTranslations('campaigns.reportPage.survey');
  const locale = await getLocale();
  const { survey, confirmed, statusCounts } = figures;
  const score = survey.kind === 'nps' ? formatPoints(confirmed.score, locale) : formatRate(confirmed.score, locale);
  return (
    <Card title={t('title', { survey: survey.name })} description={t('description')}>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="campaign-survey">
        <div>
          <dt className="text-sm text-zinc-600">{t('answers')}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{confirmed.total}</dd>
        </div>
        <div>
          <dt className="text-sm text-zinc-600">{t('responseRate')}</dt>
          <dd className="text-2xl font-semibold tabular-nums" title={t('responseRateFormula', { answers: statusCounts.confirmed, delivered: figures.delivered })}>
            {formatRate(figures.rate, locale)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-zinc-600">{t(`score.${survey.kind}`)}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{score}</dd>
        </div>
        <div>
          <dt className="text-sm text-zinc-600">{t('apart')}</dt>
          <dd className="text-sm text-zinc-700">{t('apartValue', { provisional: statusCounts.provisional, flagged: statusCounts.flagged })}</dd>
        </div>
      </dl>
      <p className="mt-4 text-sm">
        <Link className="font-medium text-indigo-700 underline-offset-2 hover:underline" href={`/w/${slug}/surveys/${survey.id}`}>
          {t('open')}
        </Link>
      </p>
    </Card>
  );
}
