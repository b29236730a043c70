import { getTranslations } from 'next-intl/server';
import { MetricCard } from '@/components/campaigns/report/metric-card';
import type { SequenceResults } from '@/lib/reports/sequence';

/** Enrolled, in progress, reactivated, sunset — and the rarer endings in one line below. */
export async function SummaryTiles({ results }: { results: SequenceResults }) {
  const t = await getTranslations('sequences.results.summary');
  const { total, byGroup } = results;
  return (
    <div className="space-y-2">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="results-summary">
        <MetricCard label={t('enrolled')} value={String(total.enrolled)}>
          <p>{t('enrolledDetail', { treatment: byGroup.treatment.enrolled, control: byGroup.control.enrolled })}</p>
        </MetricCard>
        <MetricCard label={t('inProgress')} value={String(total.active)}>
          <p>{t('inProgressDetail')}</p>
        </MetricCard>
        <MetricCard label={t('reactivated')} value={String(total.reactivated)}>
          <p>{t('reactivatedDetail')}</p>
        </MetricCard>
        <MetricCard label={t('sunset')} value={String(total.sunset)}>
          <p>{t('sunsetDetail')}</p>
        </MetricCard>
      </div>
      <p className="text-sm text-zinc-600" title={t('othersHelp')}>
        {t('others', { completed: total.completed, left: total.left, stopped: total.stopped })}
        <span className="sr-only"> ({t('othersHelp')})</span>
      </p>
    </div>
  );
}
