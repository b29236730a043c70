import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { TrendChart } from '@/components/ui/charts/trend-chart';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import type { CampaignReport } from '@/lib/reports/campaign';
import { AB_MIN_RECIPIENTS_PER_VARIANT, BENCHMARK_MIN_DELIVERED, DAY, HOUR, formatRate, isSmallSample } from '@/lib/metrics';
import { ConversionFunnel } from './conversion-funnel';
import { MetricCard } from './metric-card';

const BUCKET_NAME = { [DAY]: 'day', [HOUR]: 'hour' } as Record<number, string>;

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
  const inferred = m ? report.inferredOpens.total : report.inferredOpens.human;
  const tone = report.benchmark.verdict === 'above' ? 'good' : report.benchmark.verdict === 'below' ? 'bad' : 'neutral';
  const smallSample = (report.benchmark.verdict || report.benchmark.reading) && isSmallSample(c.delivered);
  const { bucket, source, points } = report.timeline;
  const spansDays = points.length > 1 && points[0].at.toDateString() !== points[points.length - 1].at.toDateString();
  const label = (d: Date) =>
    bucket === DAY
      ? format.dateTime(d, { day: 'numeric', month: 'short' })
      : format.dateTime(d, { ...(spansDays ? { day: 'numeric', month: 'short' } : {}), hour: '2-digit', minute: '2-digit' });
  const bucketName = BUCKET_NAME[bucket] ?? 'minutes';
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <MetricCard label={t('delivered')} value={String(c.delivered)}>
          <p>{t('ofRecipients', { count: c.recipients })}</p>
          {c.failed ? <p>{t('failed', { count: c.failed })}</p> : null}
        </MetricCard>
        <MetricCard label={t('uniqueOpens')} value={String(opens)}>
          <p>{t('humanMachine', { human: c.uniqueOpens.human, machine: c.uniqueOpens.machine })}</p>
          {inferred ? <p data-testid="inferred-opens">{t('inferredOpens', { count: inferred })}</p> : null}
          <p>{t('pixelOpens', { count: m ? c.opens.total : c.opens.human })}</p>
        </MetricCard>
        <MetricCard label={t('uniqueClicks')} value={String(clicks)}>
          <p>{t('humanMachine', { human: c.uniqueClicks.human, machine: c.uniqueClicks.machine })}</p>
          <p>{t('totalClicks', { count: m ? c.clicks.total : c.clicks.human })}</p>
        </MetricCard>
        <MetricCard label={t('ctr')} value={formatRate(r.ctr, locale, nd)} formula={t('formula.ctr')} tone={tone}>
          <p>{t('benchmark', { category: categoryLabel, low: report.benchmark.range.low, high: report.benchmark.range.high })}</p>
          {report.benchmark.verdict ? <p className="font-medium">{t(`verdict.${report.benchmark.verdict}`)}</p> : null}
          {report.benchmark.reading ? <p>{t(`reading.${report.benchmark.reading}`)}</p> : null}
          {smallSample ? (
            <p data-testid="small-sample" className="text-amber-800">
              {t('smallSample', { count: c.delivered, min: BENCHMARK_MIN_DELIVERED })}
            </p>
          ) : null}
        </MetricCard>
        <MetricCard label={t('openRate')} value={formatRate(r.openRate, locale, nd)} formula={t('formula.openRate')}>
          {inferred ? <p>{t('openRateInferred')}</p> : null}
        </MetricCard>
        <MetricCard label={t('ctor')} value={formatRate(r.ctor, locale, nd)} formula={t('formula.ctor')} />
        <MetricCard label={t('unsubscribes')} value={`${c.unsubscribes} · ${formatRate(r.unsubscribeRate, locale, nd)}`} formula={t('formula.unsubscribeRate')} />
        <MetricCard label={`${t('bounces')} / ${t('complaints')}`} value={`${c.bounces} / ${c.complaints}`}>
          <p title={t('formula.bounceRate')}>{formatRate(r.bounceRate, locale, nd)}</p>
          <p title={t('formula.complaintRate')}>{formatRate(r.complaintRate, locale, nd)}</p>
        </MetricCard>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <ConversionFunnel report={report} opens={opens} clicks={clicks} />
        <Card title={t('overTime')} description={`${t(`timeline.${source}`, { bucket: bucket / 60_000, unit: bucketName })} ${t('lagNote')}`}>
          <TrendChart
            title={t('overTime')}
            xKey="at"
            data={points.map((p) => ({ at: label(p.at), opens: m ? p.opens : p.humanOpens, clicks: m ? p.clicks : p.humanClicks }))}
            series={[
              { key: 'opens', label: t(source === 'firsts' ? 'firstOpens' : 'opens'), color: '#0ea5e9' },
              { key: 'clicks', label: t(source === 'firsts' ? 'firstClicks' : 'clicks'), color: '#4f46e5' },
            ]}
          />
        </Card>
      </div>
      <Card title={t('links')}>
        {report.links.length === 0 ? (
          <p className="text-sm text-zinc-500">{t('noLinks')}</p>
        ) : (
          <Table label={t('links')} layout="stack" data-testid="links-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t('link')}</TableHead>
                <TableHead align="right">{t('uniqueClicks')}</TableHead>
                <TableHead align="right">{t('clicks')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.links.map((l) => (
                <TableRow key={l.linkId}>
                  <TableRowHeader className="w-full font-normal text-zinc-800">
                    {/* The whole URL, wrapped anywhere: two links differing only at the end stay tellable apart. */}
                    <span className="block break-all" title={l.url}>
                      {l.url}
                    </span>
                  </TableRowHeader>
                  <TableCell label={t('uniqueClicks')} align="right">
                    {m ? l.uniqueClicks.total : l.uniqueClicks.human}
                  </TableCell>
                  <TableCell label={t('clicks')} align="right">
                    {m ? l.clicks.total : l.clicks.human}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      {report.variants.length ? (
        <Card title={t('ab')}>
          <Table label={t('ab')} layout="stack">
            <TableHeader>
              <TableRow>
                <TableHead>{t('variant')}</TableHead>
                <TableHead align="right">{t('delivered')}</TableHead>
                <TableHead align="right">{t('openRate')}</TableHead>
                <TableHead align="right">{t('ctr')}</TableHead>
                <TableHead align="right">{t('probability')}</TableHead>
                <TableHead align="right">{t('pValue')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.variants.map((v, i) => {
                const stats = report.abVerdict?.variants[i];
                return (
                  <TableRow key={v.key}>
                    <TableRowHeader>{v.key}</TableRowHeader>
                    <TableCell label={t('delivered')} align="right">{v.delivered}</TableCell>
                    <TableCell label={t('openRate')} align="right">{formatRate(v.rates.openRate, locale, nd)}</TableCell>
                    <TableCell label={t('ctr')} align="right">{formatRate(v.rates.ctr, locale, nd)}</TableCell>
                    <TableCell label={t('probability')} align="right">
                      {stats?.probabilityToBeatControl == null ? '—' : formatRate(stats.probabilityToBeatControl * 100, locale, nd)}
                    </TableCell>
                    <TableCell label={t('pValue')} align="right">
                      {stats?.pValueVsControl == null ? '—' : format.number(stats.pValueVsControl, { minimumFractionDigits: 3, maximumFractionDigits: 3 })}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
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
