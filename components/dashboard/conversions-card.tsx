import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { signed } from '@/components/conversions/format';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatAmounts, formatRate } from '@/lib/metrics';
import type { DashboardConversions } from '@/lib/reports/conversions';

/** Conversions of the last 30 days against the 30 before, with the top source; an empty state links to setup. */
export async function ConversionsCard({ data, slug }: { data: DashboardConversions; slug: string }) {
  const t = await getTranslations('dashboard');
  const tc = await getTranslations('conversions');
  const locale = await getLocale();
  const nd = t('noData');
  if (data.goalsDefined === 0 && data.totals.conversions === 0) {
    return (
      <Card title={t('conversionsTitle')}>
        <p className="text-sm text-zinc-600" data-testid="dashboard-conversions-empty">
          {t('conversionsEmpty')}
        </p>
        <Link className={`${buttonClass('secondary')} mt-4`} href={`/w/${slug}/conversions/setup`}>
          {t('conversionsSetup')}
        </Link>
      </Card>
    );
  }
  const { totals } = data;
  return (
    <Card title={t('conversionsTitle')} description={t('conversionsScope', { days: data.days })}>
      <dl className="grid grid-cols-2 gap-4 text-sm" data-testid="dashboard-conversions">
        <div>
          <dt className="text-zinc-600">{t('conversionsCount')}</dt>
          <dd className="text-2xl font-semibold tabular-nums text-zinc-900" data-testid="dashboard-conversions-count">
            {totals.conversions}
          </dd>
          <dd className="text-xs text-zinc-500">{tc('totals.change', { change: signed(data.change.conversions, locale, nd, '%') })}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t('conversionsValue')}</dt>
          <dd className="text-2xl font-semibold tabular-nums text-zinc-900" data-testid="dashboard-conversions-value">
            {formatAmounts(totals.value, locale, nd)}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t('conversionsRate')}</dt>
          <dd className="text-lg font-semibold tabular-nums text-zinc-900" title={tc('totals.rateFormula')}>
            {formatRate(totals.rate, locale, nd)}
          </dd>
          <dd className="text-xs text-zinc-500">{tc('totals.change', { change: signed(data.change.rate, locale, nd, tc('pt')) })}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t('conversionsTopSource')}</dt>
          <dd className="text-lg font-semibold text-zinc-900" data-testid="dashboard-conversions-source">
            {data.topSource ? tc(`bySource.sources.${data.topSource.key}`) : nd}
          </dd>
        </div>
      </dl>
      <Link className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline" href={`/w/${slug}/conversions`}>
        {t('conversionsOpen')}
      </Link>
    </Card>
  );
}
