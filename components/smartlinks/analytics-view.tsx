import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { TrendChart } from '@/components/ui/charts/trend-chart';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { formatRate, SMARTLINK_PERIODS, type Delta, type Rate } from '@/lib/metrics';
import type { SmartlinkReport } from '@/lib/reports/smartlink';
import { SmartlinkMachineToggle } from './machine-toggle';

const COLORS = ['#4338ca', '#c2410c', '#15803d', '#be185d', '#0369a1', '#7c3aed', '#a16207', '#0f766e'];

/** The SmartLink analytics: headline figures with the previous period, CTR explanation, per item, trend. */
export async function SmartlinkAnalytics({ report, basePath, draft }: { report: SmartlinkReport; basePath: string; draft: boolean }) {
  const t = await getTranslations('smartlinks');
  const locale = await getLocale();
  const format = await getFormatter();
  const noData = t('analytics.noData');
  const rate = (r: Rate) => formatRate(r, locale, noData);
  const num = (n: number) => format.number(n);
  const signed = (n: number, unit = '') => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${format.number(Math.abs(n), { maximumFractionDigits: 1 })}${unit}`;
  const delta = (d: Delta, points = false) => (d.change === null ? noData : points ? signed(d.change, ' pp') : `${signed(d.change)}${d.relative === null ? '' : ` (${signed(d.relative, ' %')})`}`);
  const c = report.current;
  const p = report.previous;
  const machineQuery = report.includeMachine ? '&machine=1' : '';
  const headline: Array<{ key: string; label: string; value: string; previous: string; testId: string }> = [
    { key: 'visits', label: t('analytics.visits'), value: num(c.visits), previous: num(p.visits), testId: 'sl-visits' },
    { key: 'unique', label: t('analytics.uniqueVisitors'), value: num(c.uniqueVisitors), previous: num(p.uniqueVisitors), testId: 'sl-unique' },
    { key: 'clicks', label: t('analytics.clicks'), value: num(c.clicks), previous: num(p.clicks), testId: 'sl-clicks' },
    { key: 'ctr', label: t('analytics.ctrOverall'), value: rate(c.ctr), previous: rate(p.ctr), testId: 'sl-ctr' },
  ];
  const itemSeries = report.items.map((i, n) => ({ key: `i${i.id}`, label: i.archived ? `${i.label} (${t('analytics.archived')})` : i.label, color: COLORS[n % COLORS.length] }));
  const trendData = report.trend.map((row) => ({ ...row, day: format.dateTime(new Date(`${row.day}T12:00:00Z`), { day: 'numeric', month: 'short', timeZone: 'UTC' }) }));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <nav aria-label={t('analytics.period')}>
          <ul className="flex flex-wrap gap-2">
            {SMARTLINK_PERIODS.map((d) => (
              <li key={d}>
                <Link
                  href={`${basePath}?days=${d}${machineQuery}`}
                  aria-current={d === report.days ? 'page' : undefined}
                  className={cn('inline-block rounded-lg px-3 py-1.5 text-sm font-semibold ring-1 ring-inset', d === report.days ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50')}
                >
                  {t('analytics.days', { days: d })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SmartlinkMachineToggle checked={report.includeMachine} />
      </div>
      {draft ? <Alert tone="info">{t('analytics.draftNote')}</Alert> : null}
      <Card title={t('analytics.days', { days: report.days })}>
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          {headline.map((h) => (
            <div key={h.key} className="rounded-lg bg-zinc-50 p-4 ring-1 ring-inset ring-zinc-200">
              <dt className="text-sm text-zinc-600">{h.label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums text-zinc-900" data-testid={h.testId}>
                {h.value}
              </dd>
              <dd className="mt-1 text-xs text-zinc-600">{t('analytics.previous', { days: report.days, value: h.previous })}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-sm text-zinc-700" data-testid="sl-ctr-explain">
          {t('analytics.ctrExplain')}
        </p>
        <p className="mt-2 text-xs text-zinc-500" data-testid="sl-machine-hits">
          {t('analytics.machineHits', { count: report.machineHits, included: String(report.includeMachine) })}
        </p>
      </Card>

      <Card title={t('analytics.comparison', { days: report.days })}>
        <Table label={t('analytics.comparison', { days: report.days })}>
          <TableHeader>
            <tr>
              <TableHead>{t('analytics.metric')}</TableHead>
              <TableHead align="right">{t('analytics.thisPeriod')}</TableHead>
              <TableHead align="right">{t('analytics.previousPeriod')}</TableHead>
              <TableHead align="right">{t('analytics.change')}</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {[
              [t('analytics.visits'), num(c.visits), num(p.visits), delta(report.deltas.visits)],
              [t('analytics.uniqueVisitors'), num(c.uniqueVisitors), num(p.uniqueVisitors), delta(report.deltas.uniqueVisitors)],
              [t('analytics.buttonClicks'), num(c.buttonClicks), num(p.buttonClicks), delta({ change: c.buttonClicks - p.buttonClicks, relative: null })],
              [t('analytics.imageClicks'), num(c.imageClicks), num(p.imageClicks), delta({ change: c.imageClicks - p.imageClicks, relative: null })],
              [t('analytics.videoClicks'), num(c.videoClicks), num(p.videoClicks), delta({ change: c.videoClicks - p.videoClicks, relative: null })],
              [t('analytics.ctrOverall'), rate(c.ctr), rate(p.ctr), delta(report.deltas.ctr, true)],
              [t('analytics.buttonCtr'), rate(c.buttonCtr), rate(p.buttonCtr), c.buttonCtr === null || p.buttonCtr === null ? noData : signed(c.buttonCtr - p.buttonCtr, ' pp')],
              [t('analytics.imageCtr'), rate(c.imageCtr), rate(p.imageCtr), c.imageCtr === null || p.imageCtr === null ? noData : signed(c.imageCtr - p.imageCtr, ' pp')],
              [t('analytics.videoCtr'), rate(c.videoCtr), rate(p.videoCtr), c.videoCtr === null || p.videoCtr === null ? noData : signed(c.videoCtr - p.videoCtr, ' pp')],
            ].map(([label, cur, prev, change]) => (
              <TableRow key={label}>
                <TableRowHeader>{label}</TableRowHeader>
                <TableCell align="right">{cur}</TableCell>
                <TableCell align="right">{prev}</TableCell>
                <TableCell align="right">{change}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>

      <Card title={t('analytics.perItem')}>
        <Table label={t('analytics.perItem')}>
          <TableHeader>
            <tr>
              <TableHead>{t('analytics.item')}</TableHead>
              <TableHead>{t('analytics.kindCol')}</TableHead>
              <TableHead align="right">{t('analytics.clicks')}</TableHead>
              <TableHead align="right">{t('analytics.ctr')}</TableHead>
              <TableHead align="right">{t('analytics.previousPeriod')}</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {report.items.map((i) => (
              <TableRow key={i.id} data-testid="sl-item-row">
                <TableRowHeader>
                  {i.label}
                  {i.archived ? <span className="ml-1 text-xs text-zinc-500">({t('analytics.archived')})</span> : null}
                </TableRowHeader>
                <TableCell>{t(`builder.kind.${i.kind}`)}</TableCell>
                <TableCell align="right">{num(i.clicks)}</TableCell>
                <TableCell align="right">{rate(i.ctr)}</TableCell>
                <TableCell align="right">
                  {num(i.previousClicks)} · {rate(i.previousCtr)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>

      <Card title={t('analytics.trend')}>
        {c.visits === 0 && c.clicks === 0 ? <p className="mb-4 text-sm text-zinc-600">{t('analytics.empty')}</p> : null}
        <TrendChart title={t('analytics.trend')} data={trendData} xKey="day" xLabel={t('analytics.day')} series={[{ key: 'visits', label: t('analytics.trendVisits'), color: '#71717a' }, ...itemSeries]} />
      </Card>
    </div>
  );
}
