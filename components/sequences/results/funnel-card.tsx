import { getLocale, getTranslations } from 'next-intl/server';
import { FormulaTip } from '@/components/surveys/report/formula-tip';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { BENCHMARK_MIN_DELIVERED, formatRate, isSmallSample, percent } from '@/lib/metrics';
import type { SequenceResults } from '@/lib/reports/sequence';
import { Bar } from './bar';

const SERIES = [
  { key: 'sends', bar: 'bg-brand-100', dot: 'bg-brand-100 ring-1 ring-inset ring-brand-600/30' },
  { key: 'opens', bar: 'bg-sky-500', dot: 'bg-sky-500' },
  { key: 'clicks', bar: 'bg-brand-600', dot: 'bg-brand-600' },
] as const;
const VERDICT_TONE = { below: 'warning', within: 'neutral', above: 'success' } as const;

/** The steps as a funnel (bars against the first step's sends) and a table: rates beside each step's benchmark, exits after it. */
export async function FunnelCard({ results }: { results: SequenceResults }) {
  const t = await getTranslations('sequences.results');
  const locale = await getLocale();
  const nd = t('noData');
  const peak = Math.max(0, ...results.steps.map((s) => s.sends));
  return (
    <Card title={t('funnel.title')} description={t('funnel.description')}>
      <ol className="space-y-4" aria-label={t('funnel.chartLabel')} data-testid="step-funnel">
        {results.steps.map((s) => (
          <li key={s.position} className="grid gap-2 sm:grid-cols-[12rem_minmax(0,1fr)] sm:items-center" data-testid={`funnel-step-${s.position}`}>
            <p className="text-sm">
              <span className="font-medium text-zinc-900">{t('funnel.step')} {s.position}</span> <span className="text-zinc-600">· {t(`kinds.${s.kind}`)}</span>
              <span className="sr-only">{t('funnel.barSummary', { position: s.position, sends: s.sends, opens: s.opens, clicks: s.clicks })}</span>
            </p>
            <div className="space-y-1" aria-hidden>
              {SERIES.map((series) => (
                <div key={series.key} className="grid grid-cols-[minmax(0,1fr)_3.5rem] items-center gap-2">
                  <Bar share={peak > 0 ? percent(s[series.key], peak) : 0} className={series.bar} />
                  <span className="text-right text-xs tabular-nums text-zinc-700">{s[series.key]}</span>
                </div>
              ))}
            </div>
          </li>
        ))}
      </ol>
      <ul className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600" aria-hidden>
        {SERIES.map((series) => (
          <li key={series.key} className="flex items-center gap-1.5">
            <span className={`inline-block size-2.5 rounded-sm ${series.dot}`} />
            {t(`funnel.${series.key}`)}
          </li>
        ))}
      </ul>
      <Table label={t('funnel.title')} layout="stack" className="mt-6" data-testid="steps-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t('funnel.step')}</TableHead>
            <TableHead align="right">{t('funnel.sends')}</TableHead>
            <TableHead align="right">{t('funnel.openRate')}</TableHead>
            <TableHead>{t('funnel.benchmark')}</TableHead>
            <TableHead align="right">{t('funnel.clickRate')}</TableHead>
            <TableHead align="right">{t('funnel.exits')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {results.steps.map((s) => (
            <TableRow key={s.position} data-testid={`step-row-${s.position}`}>
              <TableRowHeader>
                {s.position}. {t(`kinds.${s.kind}`)}
              </TableRowHeader>
              <TableCell label={t('funnel.sends')} align="right">
                {s.sends}
              </TableCell>
              <TableCell label={t('funnel.openRate')} align="right">
                <FormulaTip formula={t('funnel.formula.openRate', { opens: s.opens, sends: s.sends })} align="right">
                  {formatRate(s.openRate, locale, nd)}
                </FormulaTip>
              </TableCell>
              <TableCell label={t('funnel.benchmark')}>
                <span className="flex flex-wrap items-center gap-2">
                  <span className="tabular-nums">{t('funnel.benchmarkValue', { low: s.benchmark.low, high: s.benchmark.high })}</span>
                  {s.verdict ? <Badge tone={VERDICT_TONE[s.verdict]}>{t(`funnel.verdict.${s.verdict}`)}</Badge> : null}
                </span>
                {s.verdict && isSmallSample(s.sends) ? <span className="mt-1 block text-xs text-amber-800">{t('funnel.smallSample', { min: BENCHMARK_MIN_DELIVERED })}</span> : null}
              </TableCell>
              <TableCell label={t('funnel.clickRate')} align="right">
                <FormulaTip formula={t('funnel.formula.clickRate', { clicks: s.clicks, sends: s.sends })} align="right">
                  {formatRate(s.clickRate, locale, nd)}
                </FormulaTip>
              </TableCell>
              <TableCell label={t('funnel.exits')} align="right">
                <span className="font-medium tabular-nums">{s.exits.total}</span>
                {s.exits.total ? (
                  <span className="block text-xs text-zinc-500">{t('funnel.exitsDetail', { reactivated: s.exits.reactivated, sunset: s.exits.sunset, left: s.exits.left })}</span>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {results.exitsBeforeFirstStep ? <p className="mt-3 text-xs text-zinc-500">{t('funnel.exitsBefore', { count: results.exitsBeforeFirstStep })}</p> : null}
    </Card>
  );
}
