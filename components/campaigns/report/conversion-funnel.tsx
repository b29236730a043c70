import { getLocale, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { BENCHMARK_MIN_DELIVERED, formatAmounts, formatRate, percent, rangeVerdict } from '@/lib/metrics';
import type { CampaignReport } from '@/lib/reports/campaign';

const STEPS = ['delivered', 'opened', 'clicked', 'converted'] as const;

/**
 * delivered → opened → clicked → converted (unique converting recipients), each step's share of
 * delivered and of the step before, then the attributed conversions, revenue per currency and the
 * email conversion rate against the §2 "email marketing" benchmark.
 */
export async function ConversionFunnel({ report, opens, clicks }: { report: CampaignReport; opens: number; clicks: number }) {
  const t = await getTranslations('campaigns');
  const locale = await getLocale();
  const nd = t('reportPage.noData');
  const c = report.counts;
  const conv = report.conversion;
  const counts = { delivered: c.delivered, opened: opens, clicked: clicks, converted: conv.converters };
  const verdict = rangeVerdict(conv.ofDelivered, conv.benchmark);
  return (
    <Card title={t('reportPage.funnel')} description={t('funnelHint')}>
      <ol className="space-y-3" data-testid="campaign-funnel">
        {STEPS.map((step, i) => {
          const value = counts[step];
          const ofDelivered = percent(value, c.delivered);
          const ofPrevious = i === 0 ? null : percent(value, counts[STEPS[i - 1]]);
          return (
            <li key={step} data-testid={`funnel-step-${step}`}>
              <div className="flex items-baseline justify-between gap-3 text-sm">
                <span className="text-zinc-700">{t(`reportPage.funnelSteps.${step}`)}</span>
                <span className="font-medium tabular-nums text-zinc-900">
                  <span data-testid="funnel-count">{value}</span> · {formatRate(ofDelivered, locale, nd)}
                </span>
              </div>
              <div className="mt-1 h-2 overflow-hidden rounded-full bg-zinc-100" aria-hidden>
                <div className="h-full rounded-full bg-brand-600" style={{ width: `${Math.min(100, ofDelivered ?? 0)}%` }} />
              </div>
              {i > 0 ? <p className="mt-0.5 text-xs text-zinc-500">{t('funnelOfPrevious', { rate: formatRate(ofPrevious, locale, nd) })}</p> : null}
            </li>
          );
        })}
      </ol>
      <dl className="mt-5 grid gap-3 border-t border-zinc-100 pt-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-zinc-600">{t('funnelConversions')}</dt>
          <dd className="text-lg font-semibold tabular-nums text-zinc-900" data-testid="campaign-conversions">
            {conv.conversions}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t('funnelRevenue')}</dt>
          <dd className="text-lg font-semibold tabular-nums text-zinc-900" data-testid="campaign-revenue">
            {formatAmounts(conv.revenue.map((a) => ({ currency: a.currency, cents: a.cents })), locale, nd)}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t('funnelRate')}</dt>
          <dd className="text-lg font-semibold tabular-nums text-zinc-900" data-testid="campaign-conversion-rate" title={t('funnelRateFormula')}>
            {formatRate(conv.ofDelivered, locale, nd)}
            <span className="sr-only"> ({t('funnelRateFormula')})</span>
          </dd>
          <dd className="text-xs text-zinc-500">{t('funnelBenchmark', { low: conv.benchmark.low, high: conv.benchmark.high })}</dd>
          {verdict ? <dd className="text-xs font-medium text-zinc-700">{t(`reportPage.verdict.${verdict}`)}</dd> : null}
          {verdict && conv.smallSample ? (
            <dd className="text-xs text-amber-800" data-testid="funnel-small-sample">
              {t('reportPage.smallSample', { count: c.delivered, min: BENCHMARK_MIN_DELIVERED })}
            </dd>
          ) : null}
        </div>
        <div>
          <dt className="text-zinc-600">{t('funnelClickRate')}</dt>
          <dd className="text-lg font-semibold tabular-nums text-zinc-900" title={t('funnelClickRateFormula')}>
            {formatRate(conv.ofClickers, locale, nd)}
            <span className="sr-only"> ({t('funnelClickRateFormula')})</span>
          </dd>
        </div>
      </dl>
    </Card>
  );
}
