import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { ShareBars } from '@/components/ui/charts/share-bars';
import { TrendChart } from '@/components/ui/charts/trend-chart';
import type { CampaignReport } from '@/lib/reports/campaign';
import { AB_MIN_RECIPIENTS_PER_VARIANT, formatRate, percent } from '@/lib/metrics';
import { MetricCard } from './metric-card';

export async function ReportView({ report, categoryLabel, abExtra }: { report: CampaignReport; categoryLabel: string; abExtra?: ReactNode }) {
  const t = await getTranslations('campaigns.reportPage');
  const locale = await getLocale();
  const format = await getFormatter();
  const nd = t('noData');
  const r = report.rates;
  const c = report.counts;
  const m = report.includeMachine;
  const opens = m ? c.uniqueOpens.total : c.uniqueOpens.human;
  const clicks = m ? c.uniqueClicks.total : c.uniqueClicks.human;
  const tone = report.benchmark.verdict === 'above' ? 'good' : report.benchmark.verdict === 'below' ? 'bad' : 'neutral';
  const funnel = [
    { label: t('funnelSteps.delivered'), n: c.delivered },
    { label: t('funnelSteps.opened'), n: opens },
    { label: t('funnelSteps.clicked'), n: clicks },
    { label: t('funnelSteps.converted'), n: report.counts.conversions },
  ];
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <MetricCard label={t('delivered')} value={String(c.delivered)}>
          <p>{t('recipients', { count: c.recipients })}</p>
          {c.failed ? <p>{t('failed', { count: c.failed })}</p> : null}
        </MetricCard>
        <MetricCard label={t('uniqueOpens')} value={String(opens)}>
          <p>{t('humanMachine', { human: c.uniqueOpens.human, machine: c.uniqueOpens.machine })}</p>
          <p>{t('totalOpens', { count: m ? c.opens.total : c.opens.human })}</p>
        </MetricCard>
        <MetricCard label={t('uniqueClicks')} value={String(clicks)}>
          <p>{t('humanMachine', { human: c.uniqueClicks.human, machine: c.uniqueClicks.machine })}</p>
          <p>{t('totalClicks', { count: m ? c.clicks.total : c.clicks.human })}</p>
        </MetricCard>
        <MetricCard label={t('ctr')} value={formatRate(r.ctr, locale, nd)} formula={t('formula.ctr')} tone={tone}>
          <p>{t('benchmark', { category: categoryLabel, low: report.benchmark.range.low, high: report.benchmark.range.high })}</p>
          {report.benchmark.verdict ? <p className="font-medium">{t(`verdict.${report.benchmark.verdict}`)}</p> : null}
          {report.benchmark.reading ? <p>{t(`reading.${report.benchmark.reading}`)}</p> : null}
        </MetricCard>
        <MetricCard label={t('openRate')} value={formatRate(r.openRate, locale, nd)} formula={t('formula.openRate')} />
        <MetricCard label={t('ctor')} value={formatRate(r.ctor, locale, nd)} formula={t('formula.ctor')} />
        <MetricCard label={t('unsubscribes')} value={`${c.unsubscribes} · ${formatRate(r.unsubscribeRate, locale, nd)}`} formula={t('formula.unsubscribeRate')} />
        <MetricCard label={`${t('bounces')} / ${t('complaints')}`} value={`${c.bounces} / ${c.complaints}`}>
          <p title={t('formula.bounceRate')}>{formatRate(r.bounceRate, locale, nd)}</p>
          <p title={t('formula.complaintRate')}>{formatRate(r.complaintRate, locale, nd)}</p>
        </MetricCard>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('funnel')}>
          <ShareBars items={funnel.map((f) => ({ label: f.label, value: `${f.n} · ${formatRate(percent(f.n, c.delivered), locale, nd)}`, share: percent(f.n, c.delivered) }))} />
        </Card>
        <Card title={t('overTime')} description={t('lagNote')}>
          <TrendChart
            title={t('overTime')}
            xKey="hour"
            data={report.hourly.map((h) => ({
              hour: format.dateTime(new Date(h.hour), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
              opens: m ? h.opens : h.humanOpens,
              clicks: m ? h.clicks : h.humanClicks,
            }))}
            series={[
              { key: 'opens', label: t('opens'), color: '#0ea5e9' },
              { key: 'clicks', label: t('clicks'), color: '#4f46e5' },
            ]}
          />
        </Card>
      </div>
      <Card title={t('links')}>
        {report.links.length === 0 ? (
          <p className="text-sm text-zinc-500">{t('noLinks')}</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
              <tr>
                <th scope="col" className="py-2 font-medium">{t('link')}</th>
                <th scope="col" className="py-2 text-right font-medium">{t('uniqueClicks')}</th>
                <th scope="col" className="py-2 text-right font-medium">{t('clicks')}</th>
              </tr>
            </thead>
            <tbody>
              {report.links.map((l) => (
                <tr key={l.linkId} className="border-t border-zinc-100">
                  <td className="max-w-0 truncate py-2 pr-3 text-zinc-800" title={l.url}>{l.url}</td>
                  <td className="py-2 text-right tabular-nums">{m ? l.uniqueClicks.total : l.uniqueClicks.human}</td>
                  <td className="py-2 text-right tabular-nums">{m ? l.clicks.total : l.clicks.human}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {report.variants.length ? (
        <Card title={t('ab')}>
          <table className="w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
              <tr>
                <th scope="col" className="py-2 font-medium">{t('variant')}</th>
                <th scope="col" className="py-2 text-right font-medium">{t('delivered')}</th>
                <th scope="col" className="py-2 text-right font-medium">{t('openRate')}</th>
                <th scope="col" className="py-2 text-right font-medium">{t('ctr')}</th>
                <th scope="col" className="py-2 text-right font-medium">{t('probability')}</th>
                <th scope="col" className="py-2 text-right font-medium">{t('pValue')}</th>
              </tr>
            </thead>
            <tbody>
              {report.variants.map((v, i) => {
                const stats = report.abVerdict?.variants[i];
                return (
                  <tr key={v.key} className="border-t border-zinc-100">
                    <th scope="row" className="py-2 text-left font-medium">{v.key}</th>
                    <td className="py-2 text-right tabular-nums">{v.delivered}</td>
                    <td className="py-2 text-right tabular-nums">{formatRate(v.rates.openRate, locale, nd)}</td>
                    <td className="py-2 text-right tabular-nums">{formatRate(v.rates.ctr, locale, nd)}</td>
                    <td className="py-2 text-right tabular-nums">
                      {stats?.probabilityToBeatControl == null ? '—' : formatRate(stats.probabilityToBeatControl * 100, locale, nd)}
                    </td>
                    <td className="py-2 text-right tabular-nums">{stats?.pValueVsControl == null ? '—' : stats.pValueVsControl.toFixed(3)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {report.abVerdict ? (
            <p className="mt-4 text-sm font-medium text-zinc-800">
              {report.abVerdict.verdict.kind === 'insufficient'
                ? t('abInsufficient', { min: AB_MIN_RECIPIENTS_PER_VARIANT })
                : report.abVerdict.verdict.kind === 'winner'
                  ? t('abWinner', { key: report.abVerdict.verdict.id })
                  : t('abNoDifference')}
            </p>
          ) : null}
          {abExtra}
        </Card>
      ) : null}
    </div>
  );
}
