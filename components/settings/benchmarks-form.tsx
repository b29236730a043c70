'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormStatus } from '@/components/ui/form-status';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import { resetBenchmarksAction, updateBenchmarksAction } from '@/lib/actions/workspaces';
import { CAMPAIGN_CATEGORIES, CONVERSION_KINDS, CONVERSION_TYPICAL, type ConversionKind, type WorkspaceBenchmarks } from '@/lib/metrics/benchmarks';

type Range = { low: number; high: number };

function NumberInput({ name, value, label, error, disabled }: { name: string; value: number; label: string; error?: string; disabled: boolean }) {
  return (
    <input
      name={name}
      defaultValue={value}
      inputMode="decimal"
      aria-label={label}
      aria-invalid={error ? true : undefined}
      title={error}
      disabled={disabled}
      className="w-20 rounded-md border-0 px-2 py-1 text-right text-sm ring-1 ring-inset ring-zinc-300 disabled:bg-zinc-100 aria-[invalid=true]:ring-red-500"
    />
  );
}

export function BenchmarksForm({
  workspaceId,
  canEdit,
  benchmarks: b,
  industryLabel,
  industryDays,
  siteConversionKind,
}: {
  workspaceId: string;
  canEdit: boolean;
  benchmarks: WorkspaceBenchmarks;
  industryLabel: string;
  industryDays: number;
  /** The §2 benchmark the conversions page reads the site conversion rate against (by industry). */
  siteConversionKind?: ConversionKind;
}) {
  const t = useTranslations('settings.benchmarks');
  const tc = useTranslations('conversions');
  const num = new Intl.NumberFormat(useLocale(), { maximumFractionDigits: 2 });
  const common = useTranslations('common');
  const form = useActionForm(updateBenchmarksAction);
  const reset = useActionForm(resetBenchmarksAction);
  const errors = form.fieldErrors;

  const rangeRow = (path: string, label: string, r: Range) => {
    const err = errors[`${path}.low`] ?? errors[`${path}.high`];
    return (
      <TableRow key={path}>
        <TableRowHeader className="py-2 font-normal text-zinc-700">
          {label}
          {err ? <span className="block text-xs text-red-700">{err}</span> : null}
        </TableRowHeader>
        <TableCell className="py-2">
          <NumberInput name={`${path}.low`} value={r.low} label={`${label} — ${common('low')}`} error={errors[`${path}.low`]} disabled={!canEdit} />
        </TableCell>
        <TableCell className="py-2">
          <NumberInput name={`${path}.high`} value={r.high} label={`${label} — ${common('high')}`} error={errors[`${path}.high`]} disabled={!canEdit} />
        </TableCell>
      </TableRow>
    );
  };

  const table = (caption: string, rows: ReactNode) => (
    <div className="max-w-xl">
      <h3 className="mb-1 text-sm font-semibold text-zinc-900">
        {caption}
      </h3>
      <Table label={caption}>
        <TableHeader>
          <TableRow>
            <TableHead hideLabel className="w-1/2">
              {t('rangeFor')}
            </TableHead>
            <TableHead>{common('low')} %</TableHead>
            <TableHead>{common('high')} %</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>{rows}</TableBody>
      </Table>
    </div>
  );

  const single = (name: string, label: string, value: number, suffix: string, hint?: string) => (
    <div className="flex flex-wrap items-center gap-3">
      <span className="min-w-48 text-sm text-zinc-700">{label}</span>
      <NumberInput name={name} value={value} label={label} error={errors[name]} disabled={!canEdit} />
      <span className="text-sm text-zinc-500">{suffix}</span>
      {hint ? <span className="text-xs text-zinc-500">{hint}</span> : null}
      {errors[name] ? <span className="basis-full text-sm text-red-700">{errors[name]}</span> : null}
    </div>
  );

  return (
    <Card title={t('title')} description={t('description')}>
      <form onSubmit={form.onSubmit} noValidate className="space-y-8" aria-label={t('title')}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        {table(t('ctrByCategory'), CAMPAIGN_CATEGORIES.map((c) => rangeRow(`benchmarks.ctrByCategory.${c}`, t(`categories.${c}`), b.ctrByCategory[c])))}
        {table(t('ctrByAudience'), (['b2b', 'b2c'] as const).map((a) => rangeRow(`benchmarks.ctrByAudience.${a}`, t(`audiences.${a}`), b.ctrByAudience[a])))}
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-semibold text-zinc-900">{t('ctrReading')}</legend>
          {(['weakBelow', 'goodFrom', 'strongAbove', 'exceptionalFrom'] as const).map((k) => (
            <div key={k}>{single(`benchmarks.ctrReading.${k}`, t(k), b.ctrReading[k], '%')}</div>
          ))}
        </fieldset>
        {table(t('conversion'), CONVERSION_KINDS.map((k) => rangeRow(`benchmarks.conversion.${k}`, t(`conversions.${k}`), b.conversion[k])))}
        {siteConversionKind ? (
          <p className="-mt-6 text-xs text-zinc-500" data-testid="site-conversion-benchmark">
            {tc('settingsNote', {
              kind: tc(`kinds.${siteConversionKind}`),
              industry: industryLabel,
              typical:
                CONVERSION_TYPICAL[siteConversionKind].low === CONVERSION_TYPICAL[siteConversionKind].high
                  ? num.format(CONVERSION_TYPICAL[siteConversionKind].low)
                  : `${num.format(CONVERSION_TYPICAL[siteConversionKind].low)}–${num.format(CONVERSION_TYPICAL[siteConversionKind].high)}`,
            })}
          </p>
        ) : null}
        {table(t('reengagement'), [
          rangeRow('benchmarks.reengagement.openRate', t('openRate'), b.reengagement.openRate),
          rangeRow('benchmarks.reengagement.ctr', t('ctr'), b.reengagement.ctr),
          rangeRow('benchmarks.reengagement.winBack', t('winBack'), b.reengagement.winBack),
        ])}
        {table(t('regular'), [
          rangeRow('benchmarks.regular.openRate', t('openRate'), b.regular.openRate),
          rangeRow('benchmarks.regular.ctr', t('ctr'), b.regular.ctr),
        ])}
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-semibold text-zinc-900">{t('inactivity')}</legend>
          {single('benchmarks.inactivityDays', t('inactivityDays'), b.inactivityDays, common('days'), t('inactivityHint', { industry: industryLabel, days: industryDays }))}
          {single('benchmarks.controlGroupPct', t('controlGroupPct'), b.controlGroupPct, '%')}
        </fieldset>
        <FormStatus error={form.formError} success={form.succeeded ? common('saved') : null} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={!canEdit} pending={form.isPending} pendingLabel={common('saving')}>
            {common('save')}
          </Button>
          <Button
            variant="secondary"
            disabled={!canEdit}
            pending={reset.isPending}
            pendingLabel={t('resetting')}
            onClick={() => reset.run({ workspaceId })}
          >
            {t('reset', { industry: industryLabel })}
          </Button>
        </div>
        <FormStatus error={reset.formError} success={reset.succeeded ? t('resetDone') : null} />
      </form>
    </Card>
  );
}
