import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { MetricCard } from '@/components/campaigns/report/metric-card';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { TrendChart } from '@/components/ui/charts/trend-chart';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { BENCHMARK_MIN_DELIVERED, CONVERSION_TYPICAL, type BenchmarkReading } from '@/lib/metrics';
import type { ConversionReport, SegmentRow } from '@/lib/reports/conversions';
import { money, rate, signed } from './format';

function BenchmarkNote({ reading, t, locale }: { reading: BenchmarkReading; t: Awaited<ReturnType<typeof getTranslations>>; locale: string }) {
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const range = (r: { low: number; high: number }) => (r.low === r.high ? nf.format(r.low) : `${nf.format(r.low)}–${nf.format(r.high)}`);
  return (
    <>
      <p data-testid="benchmark">
        {t('benchmark', { kind: t(`kinds.${reading.kind}`), range: range(reading.range), typical: range(CONVERSION_TYPICAL[reading.kind]) })}
      </p>
      {reading.verdict ? <p className="font-medium text-zinc-700">{t(`verdict.${reading.verdict}`)}</p> : null}
    </>
  );
}

/** The conversions page body: totals against the previous period, breakdowns, SmartLinks and the trend. */
export async function ConversionReportView({ report, slug }: { report: ConversionReport; slug: string }) {
  const t = await getTranslations('conversions');
  const locale = await getLocale();
  const nd = t('noData');
  const { totals, previousTotals } = report;
  const fmtDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const rateTone = report.siteBenchmark.verdict === 'above' ? 'good' : report.siteBenchmark.verdict === 'below' ? 'bad' : 'neutral';

  const segmentTable = <K extends string>(title: string, rows: SegmentRow<K>[], label: (k: K) => string, testid: string, highlight?: K) => (
    <Table label={title} layout="stack" data-testid={testid}>
      <TableHeader>
        <TableRow>
          <TableHead>{t('columns.segment')}</TableHead>
          <TableHead align="right">{t('columns.conversions')}</TableHead>
          <TableHead align="right">{t('columns.visitors')}</TableHead>
          <TableHead align="right">{t('columns.rate')}</TableHead>
          <TableHead align="right">{t('columns.value')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key} data-testid={`${testid}-${r.key}`} className={r.key === highlight ? 'bg-brand-50/60' : undefined}>
            <TableRowHeader>
              {label(r.key)} {r.key === highlight ? <Badge tone="brand">{t('bySource.aiBadge')}</Badge> : null}
            </TableRowHeader>
            <TableCell label={t('columns.conversions')} align="right">{r.conversions}</TableCell>
            <TableCell label={t('columns.visitors')} align="right">{r.visitors}</TableCell>
            <TableCell label={t('columns.rate')} align="right">{rate(r.rate, locale, nd)}</TableCell>
            <TableCell label={t('columns.value')} align="right">{money(r.value, locale, nd)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="conversion-totals">
        <MetricCard label={t('totals.conversions')} value={String(totals.conversions)}>
          <p data-testid="conversions-change">{t('totals.change', { change: signed(report.change.conversions, locale, nd, '%') })}</p>
          <p>{t('totals.previous', { value: String(previousTotals.conversions) })}</p>
        </MetricCard>
        <MetricCard label={t('totals.value')} value={money(totals.value, locale, nd)}>
          <p>{t('totals.previous', { value: money(previousTotals.value, locale, nd) })}</p>
        </MetricCard>
        <MetricCard label={t('totals.visitors')} value={String(totals.visitors)}>
          <p>{t('totals.change', { change: signed(report.change.visitors, locale, nd, '%') })}</p>
          <p>{t('totals.visitorsHint')}</p>
        </MetricCard>
        <MetricCard label={t('totals.rate')} value={rate(totals.rate, locale, nd)} formula={t('totals.rateFormula')} tone={rateTone}>
          <p>{t('totals.change', { change: signed(report.change.rate, locale, nd, t('pt')) })}</p>
          <BenchmarkNote reading={report.siteBenchmark} t={t} locale={locale} />
          {totals.smallSample ? (
            <p className="text-amber-800" data-testid="small-sample">
              {t('smallSample', { count: totals.visitors, min: BENCHMARK_MIN_DELIVERED })}
            </p>
          ) : null}
        </MetricCard>
      </div>

      <Card title={t('trend.title')} description={t('trend.hint')}>
        <TrendChart
          title={t('trend.title')}
          xKey="day"
          xLabel={t('trend.day')}
          data={report.trend.map((p) => ({ day: fmtDay.format(new Date(`${p.day}T00:00:00Z`)), conversions: p.conversions, visitors: p.visitors }))}
          series={[
            { key: 'conversions', label: t('columns.conversions'), color: '#4f46e5' },
            { key: 'visitors', label: t('columns.visitors'), color: '#0ea5e9' },
          ]}
        />
      </Card>

      <Card title={t('byGoal.title')}>
        {report.byGoal.length === 0 ? (
          <p className="text-sm text-zinc-500">{t('byGoal.empty')}</p>
        ) : (
          <Table label={t('byGoal.title')} layout="stack" data-testid="by-goal">
            <TableHeader>
              <TableRow>
                <TableHead>{t('byGoal.goal')}</TableHead>
                <TableHead>{t('byGoal.kind')}</TableHead>
                <TableHead align="right">{t('columns.conversions')}</TableHead>
                <TableHead align="right">{t('columns.value')}</TableHead>
                <TableHead align="right">{t('columns.rate')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.byGoal.map((g) => (
                <TableRow key={g.goalId} data-testid={`by-goal-${g.key}`}>
                  <TableRowHeader>
                    {g.name} {g.archived ? <Badge>{t('byGoal.archived')}</Badge> : null}
                  </TableRowHeader>
                  <TableCell label={t('byGoal.kind')}>
                    <Badge tone={g.kind === 'macro' ? 'brand' : 'neutral'}>{t(`byGoal.${g.kind}`)}</Badge>
                  </TableCell>
                  <TableCell label={t('columns.conversions')} align="right">{g.conversions}</TableCell>
                  <TableCell label={t('columns.value')} align="right">{money(g.value, locale, nd)}</TableCell>
                  <TableCell label={t('columns.rate')} align="right">{rate(g.rate, locale, nd)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>

      <Card title={t('byCampaign.title')} description={t('byCampaign.hint')}>
        {report.byCampaign.length === 0 ? (
          <p className="text-sm text-zinc-500">{t('byCampaign.empty')}</p>
        ) : (
          <>
            <Table label={t('byCampaign.title')} layout="stack" data-testid="by-campaign">
              <TableHeader>
                <TableRow>
                  <TableHead>{t('byCampaign.campaign')}</TableHead>
                  <TableHead align="right">{t('byCampaign.converters')}</TableHead>
                  <TableHead align="right">{t('byCampaign.ofDelivered')}</TableHead>
                  <TableHead align="right">{t('byCampaign.ofClickers')}</TableHead>
                  <TableHead align="right">{t('byCampaign.revenue')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {report.byCampaign.map((c) => (
                  <TableRow key={c.campaignId} data-testid={`by-campaign-${c.campaignId}`}>
                    <TableRowHeader>
                      <Link className="text-brand-700 hover:underline" href={`/w/${slug}/campaigns/${c.campaignId}`}>
                        {c.name}
                      </Link>
                    </TableRowHeader>
                    <TableCell label={t('byCampaign.converters')} align="right">{c.converters}</TableCell>
                    <TableCell label={t('byCampaign.ofDelivered')} align="right">
                      <span title={t('byCampaign.ofDeliveredFormula')}>{rate(c.ofDelivered, locale, nd)}</span>
                      {c.smallSample && c.ofDelivered !== null ? <span className="ml-1 text-xs text-amber-800">{t('smallSampleShort')}</span> : null}
                    </TableCell>
                    <TableCell label={t('byCampaign.ofClickers')} align="right">
                      <span title={t('byCampaign.ofClickersFormula')}>{rate(c.ofClickers, locale, nd)}</span>
                    </TableCell>
                    <TableCell label={t('byCampaign.revenue')} align="right">{money(c.revenue, locale, nd)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <div className="mt-3 text-xs text-zinc-500">
              <BenchmarkNote reading={report.emailBenchmark} t={t} locale={locale} />
            </div>
          </>
        )}
      </Card>

      {/* Full width: five columns do not fit half a 1440 px page without scrolling. */}
      <div className="space-y-6">
        <Card title={t('bySource.title')} description={t('bySource.aiNote')}>
          {segmentTable(t('bySource.title'), report.bySource, (k) => t(`bySource.sources.${k}`), 'by-source', 'ai')}
        </Card>
        <Card title={t('byDevice.title')}>{segmentTable(t('byDevice.title'), report.byDevice, (k) => t(`byDevice.devices.${k}`), 'by-device')}</Card>
      </div>

      <Card title={t('smartlinks.title')} description={t('smartlinks.hint')}>
        {report.smartlinks.length === 0 ? (
          <p className="text-sm text-zinc-500">{t('smartlinks.empty')}</p>
        ) : (
          <Table label={t('smartlinks.title')} layout="stack" data-testid="by-smartlink">
            <TableHeader>
              <TableRow>
                <TableHead>{t('smartlinks.item')}</TableHead>
                <TableHead align="right">{t('columns.conversions')}</TableHead>
                <TableHead align="right">{t('columns.value')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.smartlinks.flatMap((p) => [
                <TableRow key={p.pageId} data-testid={`by-smartlink-${p.pageId}`}>
                  <TableRowHeader>
                    <Link className="text-brand-700 hover:underline" href={`/w/${slug}/links/${p.pageId}`}>
                      {p.title}
                    </Link>
                  </TableRowHeader>
                  <TableCell label={t('columns.conversions')} align="right">{p.conversions}</TableCell>
                  <TableCell label={t('columns.value')} align="right">{money(p.value, locale, nd)}</TableCell>
                </TableRow>,
                ...p.items.map((i) => (
                  <TableRow key={`${p.pageId}/${i.itemId}`}>
                    <TableRowHeader className="pl-4 font-normal text-zinc-700">
                      {i.itemId === null ? t('smartlinks.page') : `${t(`smartlinks.kinds.${i.kind === 'image' ? 'image' : i.kind === 'video' ? 'video' : 'button'}`)}: ${i.label}`}
                    </TableRowHeader>
                    <TableCell label={t('columns.conversions')} align="right">{i.conversions}</TableCell>
                    <TableCell label={t('columns.value')} align="right">{money(i.value, locale, nd)}</TableCell>
                  </TableRow>
                )),
              ])}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
