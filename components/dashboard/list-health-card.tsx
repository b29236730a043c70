import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { TrendChart } from '@/components/ui/charts/trend-chart';
import { ShareBars } from '@/components/ui/charts/share-bars';
import { Card } from '@/components/ui/card';
import type { ListHealth } from '@/lib/contacts/health';
import type { TargetingSequence } from '@/lib/sequences/segments';
import type { InactivityTierId } from '@/lib/metrics/reactivation';
import { INACTIVITY_TIERS } from '@/lib/metrics/benchmarks';
import { formatRate } from '@/lib/metrics/rates';

/**
 * `tierSequences`: the active sequence targeting each tier; a tier without one links to the builder
 * with that tier preselected (omitted for roles that cannot create sequences).
 */
export async function ListHealthCard({
  health,
  inactivityDays,
  slug,
  tierSequences,
  canStart = true,
}: {
  health: ListHealth;
  inactivityDays: number;
  slug: string;
  tierSequences: Partial<Record<InactivityTierId, TargetingSequence>>;
  canStart?: boolean;
}) {
  const t = await getTranslations('dashboard');
  const s = await getTranslations('sequences.segments');
  const linkClass = 'font-medium text-brand-700 hover:underline';
  const tierAction = (tier: InactivityTierId) => {
    const sequence = tierSequences[tier];
    if (sequence) {
      return (
        <Link href={`/w/${slug}/sequences/${sequence.id}`} className={linkClass} title={sequence.name}>
          {s('view')}
        </Link>
      );
    }
    return canStart ? (
      <Link href={`/w/${slug}/sequences/new?tier=${tier}`} className={linkClass}>
        {s('start')}
      </Link>
    ) : null;
  };
  const locale = await getLocale();
  const format = await getFormatter();
  if (health.subscribed === 0) {
    return (
      <Card title={t('listHealth')}>
        <p className="text-sm text-zinc-600">{t('listHealthEmpty')}</p>
      </Card>
    );
  }
  const noData = t('noData');
  return (
    <Card title={t('listHealth')} description={t('subscribed', { count: health.subscribed })}>
      <div className="grid gap-8 lg:grid-cols-2">
        <div>
          <p className="text-sm text-zinc-600">{t('decay')}</p>
          <p className="mt-1 text-3xl font-semibold tabular-nums" title={t('decayFormula')}>
            {formatRate(health.decay12m, locale, noData)}
          </p>
          <p className="mb-6 mt-1 text-xs text-zinc-500">{t('decayHint', { days: inactivityDays })}</p>
          <ShareBars
            items={health.tiers.map(({ tier, count, share }) => {
              const def = INACTIVITY_TIERS.find((x) => x.id === tier)!;
              return {
                label: def.toDays === null ? t('tierOpen', { from: def.fromDays }) : t('tier', { from: def.fromDays, to: def.toDays }),
                value: `${count} · ${formatRate(share, locale, noData)}`,
                share,
                hint: t('tierHint', { low: def.expected.low, high: def.expected.high }),
                action: tierAction(tier),
              };
            })}
          />
        </div>
        <div>
          <p className="mb-2 text-sm text-zinc-600">{t('monthly')}</p>
          <TrendChart
            title={t('monthly')}
            xKey="month"
            // 'YYYY-MM' from the database; mid-day UTC stays inside that month in every time zone.
            data={health.monthly.map((m) => ({ month: format.dateTime(new Date(`${m.month}-01T12:00:00Z`), 'month'), becameInactive: m.becameInactive }))}
            series={[{ key: 'becameInactive', label: t('becameInactive'), color: '#4f46e5' }]}
          />
        </div>
      </div>
    </Card>
  );
}
