'use client';

import { Mail, Pencil } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/components/ui/cn';
import { TextField } from '@/components/ui/field';
import { SEQUENCE_LIMITS, type StepKind } from '@/lib/db/schema/sequences/constants';
import { sequenceLengthWarning, sequenceSpanDays, stepOpenRateBenchmark } from '@/lib/metrics/sequences';
import { numericGaps, type SettingsDraft } from './draft';

export interface TimelineStep {
  position: number;
  kind: StepKind;
  subject: string;
  campaignId: string;
}

/**
 * The five steps as a vertical timeline: what each mail does, its subject, when it goes out (the
 * gap is editable), a link to its mail in the campaign editor, and the length of the whole.
 */
export function StepTimeline({
  slug,
  steps,
  gaps,
  onGap,
  errors,
  disabled,
}: {
  slug: string;
  steps: TimelineStep[];
  gaps: SettingsDraft['gaps'];
  onGap: (index: number, gap: { min: string; max: string }) => void;
  errors: Record<string, string>;
  disabled: boolean;
}) {
  const t = useTranslations('sequences');
  const numbers = numericGaps(gaps);
  const span = numbers ? sequenceSpanDays(numbers) : null;
  const warning = numbers ? sequenceLengthWarning(numbers) : null;
  return (
    <div className="space-y-5">
      <ol className="relative" data-testid="sequence-steps">
        {steps.map((step, i) => {
          const gapIndex = step.position - 2;
          const gap = gapIndex >= 0 ? gaps[gapIndex] : null;
          const bench = stepOpenRateBenchmark(step.kind);
          const last = i === steps.length - 1;
          return (
            <li key={step.position} className="relative flex gap-4 pb-6 last:pb-0" data-testid={`step-${step.position}`}>
              {!last ? <span aria-hidden className="absolute left-4 top-9 -ml-px h-[calc(100%-2.25rem)] w-0.5 bg-zinc-200" /> : null}
              <span aria-hidden className="relative z-10 flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">
                {step.position}
              </span>
              <div className="min-w-0 flex-1 rounded-lg bg-white p-4 ring-1 ring-inset ring-zinc-200">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <h3 className="text-sm font-semibold text-zinc-900">
                      {t('builder.step', { n: step.position })} · {t(`kinds.${step.kind}`)}
                    </h3>
                    <p className="mt-0.5 text-xs text-zinc-500">{t(`kindHelp.${step.kind}`)}</p>
                  </div>
                  <Link
                    href={`/w/${slug}/campaigns/${step.campaignId}/edit`}
                    className="inline-flex min-h-10 items-center gap-1.5 rounded-lg px-3 text-sm font-medium text-brand-700 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50"
                    aria-label={t('builder.editMailFor', { n: step.position })}
                    data-testid={`edit-mail-${step.position}`}
                  >
                    <Pencil aria-hidden className="size-4" />
                    {t('builder.editMail')}
                  </Link>
                </div>
                <p className="mt-3 flex min-w-0 items-start gap-2 text-sm text-zinc-800">
                  <Mail aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-400" />
                  <span className={cn('min-w-0 break-words', !step.subject && 'italic text-zinc-500')} data-testid={`step-subject-${step.position}`}>
                    {step.subject || t('builder.noSubject')}
                  </span>
                </p>
                <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600">
                  <span className="font-medium text-zinc-800" data-testid={`step-gap-${step.position}`}>
                    {gap === null
                      ? t('builder.atEntry')
                      : gap.min === gap.max
                        ? t('builder.gapExact', { days: Number(gap.min) || 0, prev: step.position - 1 })
                        : t('builder.gap', { min: gap.min, max: gap.max, prev: step.position - 1 })}
                  </span>
                  <span>{t('builder.openRate', { low: bench.low, high: bench.high })}</span>
                </div>
                {gap !== null && !disabled ? (
                  <fieldset className="mt-3 border-t border-zinc-100 pt-3">
                    <legend className="sr-only">{t('builder.gapGroup', { n: step.position })}</legend>
                    <div className="grid max-w-sm grid-cols-2 gap-3">
                      <TextField
                        label={t('builder.gapMin')}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={SEQUENCE_LIMITS.maxGapDays}
                        value={gap.min}
                        aria-label={`${t('builder.gapGroup', { n: step.position })}: ${t('builder.gapMin')}`}
                        onChange={(ev) => onGap(gapIndex, { ...gap, min: ev.target.value })}
                        error={errors[`gaps.${gapIndex}.min`]}
                      />
                      <TextField
                        label={t('builder.gapMax')}
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={SEQUENCE_LIMITS.maxGapDays}
                        value={gap.max}
                        aria-label={`${t('builder.gapGroup', { n: step.position })}: ${t('builder.gapMax')}`}
                        onChange={(ev) => onGap(gapIndex, { ...gap, max: ev.target.value })}
                        error={errors[`gaps.${gapIndex}.max`]}
                      />
                    </div>
                  </fieldset>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {span ? (
        <div className="space-y-2" data-testid="sequence-span">
          <p className="text-sm text-zinc-700">{span.min === span.max ? t('builder.spanExact', { days: span.min }) : t('builder.span', { min: span.min, max: span.max })}</p>
          {warning ? (
            <Alert tone="warning">
              <span data-testid="sequence-length-warning">{t(`builder.${warning}`)}</span>
            </Alert>
          ) : (
            <p className="text-xs text-emerald-700">{t('builder.goodLength')}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
