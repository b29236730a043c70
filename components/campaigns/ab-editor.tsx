'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import { AB_MIN_RECIPIENTS_PER_VARIANT } from '@/lib/metrics/ab';
import type { AbTestConfig } from '@/lib/db/schema/campaigns';
import { AB_VARIABLES } from '@/lib/db/schema/campaigns/constants';

const KEYS = ['A', 'B', 'C', 'D'] as const;

export function defaultAbTest(subject: string): AbTestConfig {
  return {
    variable: 'subject',
    variants: [
      { key: 'A', value: subject },
      { key: 'B', value: '' },
    ],
    testPct: 20,
    metric: 'click',
    sendWinnerToRest: true,
  };
}

export function AbEditor({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: AbTestConfig;
  onChange: (v: AbTestConfig) => void;
  errors: Record<string, string>;
  disabled: boolean;
}) {
  const t = useTranslations('campaigns.editor');
  const set = (patch: Partial<AbTestConfig>) => onChange({ ...value, ...patch });
  return (
    <div className="space-y-4">
      <p className="text-xs text-zinc-500">{t('abHint', { min: AB_MIN_RECIPIENTS_PER_VARIANT })}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label={t('abVariable')}
          value={value.variable}
          disabled={disabled}
          onChange={(e) => set({ variable: e.target.value as AbTestConfig['variable'] })}
          options={AB_VARIABLES.map((v) => ({ value: v, label: t(`abVariables.${v}`) }))}
        />
        <TextField
          label={t('abTestPct')}
          inputMode="numeric"
          value={String(value.testPct)}
          disabled={disabled}
          onChange={(e) => set({ testPct: Number(e.target.value) || 0 })}
          error={errors['abTest.testPct']}
        />
        <SelectField
          label={t('abMetric')}
          value={value.metric}
          disabled={disabled}
          onChange={(e) => set({ metric: e.target.value as AbTestConfig['metric'] })}
          options={(['click', 'open'] as const).map((m) => ({ value: m, label: t(`abMetrics.${m}`) }))}
        />
      </div>
      <ul className="space-y-3">
        {value.variants.map((v, i) => (
          <li key={v.key} className="flex items-end gap-2">
            <TextField
              className="flex-1"
              label={t('abVariant', { key: v.key })}
              value={v.value}
              disabled={disabled}
              onChange={(e) => set({ variants: value.variants.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })}
              error={errors[`abTest.variants.${i}.value`]}
            />
            {i >= 2 ? (
              <Button variant="ghost" className="text-red-700" disabled={disabled} onClick={() => set({ variants: value.variants.filter((_, j) => j !== i) })}>
                {t('abRemoveVariant', { key: v.key })}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {errors['abTest.variants'] ? <p className="text-sm text-red-700">{errors['abTest.variants']}</p> : null}
      <div className="flex flex-wrap items-center gap-4">
        <Button
          variant="secondary"
          disabled={disabled || value.variants.length >= 4}
          onClick={() => set({ variants: [...value.variants, { key: KEYS[value.variants.length], value: '' }] })}
        >
          {t('abAddVariant')}
        </Button>
        <CheckboxField
          label={t('abSendWinner')}
          checked={value.sendWinnerToRest}
          disabled={disabled || value.testPct >= 100}
          onChange={(e) => set({ sendWinnerToRest: e.target.checked })}
        />
      </div>
    </div>
  );
}
