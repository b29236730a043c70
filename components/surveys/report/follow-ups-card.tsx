import { getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { formatRate } from '@/lib/metrics';
import type { FollowUpFigure } from '@/lib/reports/survey-followups';
import type { SurveyReport } from '@/lib/reports/survey';
import { FormulaTip } from './formula-tip';

/** What each group did next on the thank-you page: review, referral and next-step link clicks. */
export async function FollowUpsCard({ report, figures }: { report: SurveyReport; figures: FollowUpFigure[] }) {
  const t = await getTranslations('surveys.report');
  const locale = await getLocale();
  const { kind } = report.survey;
  return (
    <Card title={t('followUps.title')} description={t('followUps.hint')}>
      <dl className="grid gap-4 sm:grid-cols-3" data-testid="follow-ups">
        {figures.map((f) => (
          <div key={f.which} data-testid={`follow-up-${f.which}`}>
            <dt className="text-sm text-zinc-600">{t(`followUps.which.${f.which}`)}</dt>
            <dd className="mt-1">
              <span className="text-2xl font-semibold tabular-nums text-zinc-900">{f.clicks}</span>{' '}
              <span className="text-sm text-zinc-600">
                <FormulaTip formula={t('followUps.formula', { clicks: f.clicks, answers: f.groupAnswers, group: t(`groups.${kind}.${f.group}`) })}>
                  {t('followUps.rate', { rate: formatRate(f.rate, locale, t('noData')), group: t(`groups.${kind}.${f.group}`) })}
                </FormulaTip>
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
