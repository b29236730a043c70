import { getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { formatRate } from '@/lib/metrics';
import { NURTURE_DAYS } from '@/lib/metrics/sequences';
import type { SequenceResults } from '@/lib/reports/sequence';
import { formatCents } from './format';

/** Revenue from reactivated contacts (once conversions exist), and relapse within the nurture window. */
export async function OutcomesCard({ results }: { results: SequenceResults }) {
  const t = await getTranslations('sequences.results');
  const locale = await getLocale();
  const nd = t('noData');
  const { revenue, relapse } = results;
  const anyReactivated = relapse.treatment.reactivated + relapse.control.reactivated > 0;
  return (
    <div className="grid gap-6">
      <Card title={t('revenue.title')} description={t('revenue.description')}>
        {revenue.conversions === 0 ? (
          <p className="text-sm text-zinc-600" data-testid="revenue-none">
            {t('revenue.none')}
          </p>
        ) : (
          <dl className="grid gap-4 sm:grid-cols-2" data-testid="revenue">
            {(['treatment', 'control'] as const).map((g) => (
              <div key={g}>
                <dt className="text-sm text-zinc-600">{t(`revenue.${g}`)}</dt>
                <dd className="text-xl font-semibold tabular-nums text-zinc-900">
                  {t('revenue.value', { amount: formatCents(revenue.byGroup[g].revenueCents, locale), count: revenue.byGroup[g].conversions })}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Card>
      <Card title={t('relapse.title', { days: NURTURE_DAYS })} description={t('relapse.description', { days: NURTURE_DAYS })}>
        {!anyReactivated ? (
          <p className="text-sm text-zinc-600">{t('relapse.none')}</p>
        ) : (
          <ul className="space-y-2 text-sm text-zinc-800" data-testid="relapse">
            {(['treatment', 'control'] as const).map((g) => (
              <li key={g}>
                {t('relapse.group', {
                  group: t(`relapse.${g}`),
                  reactivated: relapse[g].reactivated,
                  nurturing: relapse[g].nurturing,
                  relapsed: relapse[g].relapsed,
                  rate: formatRate(relapse[g].relapseRate, locale, nd),
                })}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
