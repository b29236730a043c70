import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { TrendChart } from '@/components/ui/charts/trend-chart';
import type { TrendPoint } from '@/lib/reports/campaign';

/** CTR and CTOR across the most recent sent campaigns (rates from lib/metrics via the report). */
export async function EmailTrendCard({ points }: { points: TrendPoint[] }) {
  const t = await getTranslations('dashboard');
  const format = await getFormatter();
  return (
    <Card title={t('emailTrend')}>
      {points.length === 0 ? (
        <p className="text-sm text-zinc-600">{t('emailTrendEmpty')}</p>
      ) : (
        <TrendChart
          title={t('emailTrend')}
          xKey="campaign"
          unit=" %"
          decimals={1}
          data={points.map((p) => ({
            campaign: p.sentAt ? `${p.name} (${format.dateTime(p.sentAt, 'date')})` : p.name,
            ctr: p.ctr,
            ctor: p.ctor,
          }))}
          series={[
            { key: 'ctr', label: 'CTR', color: '#4f46e5' },
            { key: 'ctor', label: 'CTOR', color: '#0ea5e9' },
          ]}
        />
      )}
    </Card>
  );
}
