'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { countSequenceAudienceAction } from '@/app/(app)/w/[slug]/sequences/actions';
import { cn } from '@/components/ui/cn';
import { SelectField } from '@/components/ui/field';
import { BEHAVIOUR_SEGMENTS, VALUE_TIERS, type SequenceAudience } from '@/lib/db/schema/sequences/constants';
import { SURVEY_GROUPS } from '@/lib/db/schema/surveys/constants';
import { INACTIVITY_TIERS } from '@/lib/metrics/benchmarks';
import { BEHAVIOUR_EXPECTED } from '@/lib/metrics/sequences';

const COUNT_DEBOUNCE_MS = 400;
const TYPES = ['tier', 'behaviour', 'value', 'npsCategory', 'segment'] as const;
type AudienceType = (typeof TYPES)[number];

const optionClass =
  'flex min-h-10 cursor-pointer items-start gap-2.5 rounded-lg px-3 py-2 text-sm ring-1 ring-inset ring-zinc-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-70';

/** The first choice of each kind, so switching kind always yields a complete audience. */
function defaultFor(type: AudienceType, segments: { id: string }[]): SequenceAudience | null {
  switch (type) {
    case 'tier':
      return { type: 'tier', tiers: ['tier2'] };
    case 'behaviour':
      return { type: 'behaviour', segment: 'stoppedClicking' };
    case 'value':
      return { type: 'value', tiers: ['high'] };
    case 'npsCategory':
      return { type: 'npsCategory', categories: ['detractor'] };
    case 'segment':
      return segments[0] ? { type: 'segment', segmentId: segments[0].id } : null;
  }
}

function toggle<T extends string>(all: readonly T[], chosen: T[], x: T): T[] {
  return chosen.includes(x) ? chosen.filter((c) => c !== x) : all.filter((a) => a === x || chosen.includes(a));
}

function Options({ legend, error, children }: { legend: string; error?: string; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-2 text-sm font-medium text-zinc-800">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2">{children}</div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function Option({ type, name, checked, disabled, onChange, label, hint }: { type: 'checkbox' | 'radio'; name: string; checked: boolean; disabled?: boolean; onChange: () => void; label: string; hint?: string }) {
  return (
    <label className={optionClass}>
      <input type={type} name={name} className={cn('mt-0.5 size-4 shrink-0 border-zinc-300 text-brand-600', type === 'checkbox' && 'rounded')} checked={checked} disabled={disabled} onChange={onChange} />
      <span>
        <span className="block text-zinc-900">{label}</span>
        {hint ? <span className="block text-xs text-zinc-600">{hint}</span> : null}
      </span>
    </label>
  );
}

/**
 * Who a sequence is for: an inactivity tier, a behaviour or value segment, NPS groups or a saved
 * segment, each option with the reactivation it usually gets, and a live count of who matches now.
 */
export function SequenceAudiencePicker({
  workspaceId,
  value,
  onChange,
  segments,
  inactivityDays,
  disabled,
  errors = {},
}: {
  workspaceId: string;
  value: SequenceAudience;
  onChange: (a: SequenceAudience) => void;
  segments: { id: string; name: string }[];
  inactivityDays: number;
  disabled?: boolean;
  errors?: Record<string, string>;
}) {
  const t = useTranslations('sequences.audience');
  const id = useId();
  const key = JSON.stringify(value);
  const complete =
    (value.type === 'tier' && value.tiers.length > 0) ||
    (value.type === 'value' && value.tiers.length > 0) ||
    (value.type === 'npsCategory' && value.categories.length > 0) ||
    value.type === 'behaviour' ||
    value.type === 'segment';
  const [count, setCount] = useState<number | null>(null);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      if (!complete) return setCount(null);
      const res = await countSequenceAudienceAction({ workspaceId, audience: JSON.parse(key) });
      // A slower answer for an older choice must not overwrite the newer one.
      if (mine === seq.current) setCount(res?.data ? res.data.count : null);
    }, COUNT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, complete, workspaceId]);

  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-zinc-800">{t('legend')}</legend>
        <div className="flex flex-wrap gap-2">
          {TYPES.map((type) => (
            <label key={type} className={cn(optionClass, 'items-center')}>
              <input
                type="radio"
                name={`${id}-type`}
                className="size-4 border-zinc-300 text-brand-600"
                checked={value.type === type}
                disabled={disabled || (type === 'segment' && segments.length === 0)}
                onChange={() => {
                  const next = defaultFor(type, segments);
                  if (next) onChange(next);
                }}
              />
              {t(`types.${type}`)}
            </label>
          ))}
        </div>
      </fieldset>

      {value.type === 'tier' ? (
        <Options legend={t('tiersLegend')} error={errors['audience.tiers']}>
          {INACTIVITY_TIERS.map((tier) => (
            <Option
              key={tier.id}
              type="checkbox"
              name={`${id}-tier`}
              checked={value.tiers.includes(tier.id)}
              disabled={disabled}
              onChange={() => onChange({ type: 'tier', tiers: toggle(INACTIVITY_TIERS.map((x) => x.id), value.tiers, tier.id) })}
              label={t(`tiers.${tier.id}`)}
              hint={t('expected', { low: tier.expected.low, high: tier.expected.high })}
            />
          ))}
        </Options>
      ) : null}
      {value.type === 'behaviour' ? (
        <Options legend={t('behaviourLegend')} error={errors['audience.segment']}>
          {BEHAVIOUR_SEGMENTS.map((b) => (
            <Option
              key={b}
              type="radio"
              name={`${id}-behaviour`}
              checked={value.segment === b}
              disabled={disabled}
              onChange={() => onChange({ type: 'behaviour', segment: b })}
              label={t(`behaviours.${b}`)}
              hint={t('expected', { low: BEHAVIOUR_EXPECTED[b].low, high: BEHAVIOUR_EXPECTED[b].high })}
            />
          ))}
        </Options>
      ) : null}
      {value.type === 'value' ? (
        <Options legend={t('valueLegend')} error={errors['audience.tiers']}>
          {VALUE_TIERS.map((v) => (
            <Option
              key={v}
              type="checkbox"
              name={`${id}-value`}
              checked={value.tiers.includes(v)}
              disabled={disabled}
              onChange={() => onChange({ type: 'value', tiers: toggle(VALUE_TIERS, value.tiers, v) })}
              label={t(`values.${v}`)}
            />
          ))}
        </Options>
      ) : null}
      {value.type === 'npsCategory' ? (
        <Options legend={t('npsLegend')} error={errors['audience.categories']}>
          {SURVEY_GROUPS.map((g) => (
            <Option
              key={g}
              type="checkbox"
              name={`${id}-nps`}
              checked={value.categories.includes(g)}
              disabled={disabled}
              onChange={() => onChange({ type: 'npsCategory', categories: toggle(SURVEY_GROUPS, value.categories, g) })}
              label={t(`nps.${g}`)}
            />
          ))}
        </Options>
      ) : null}
      {value.type === 'segment' ? (
        <SelectField
          label={t('segment')}
          value={value.segmentId}
          disabled={disabled}
          onChange={(ev) => onChange({ type: 'segment', segmentId: ev.target.value })}
          options={segments.map((s) => ({ value: s.id, label: s.name }))}
          error={errors['audience.segmentId']}
        />
      ) : null}
      {segments.length === 0 ? <p className="text-xs text-zinc-500">{t('noSegments')}</p> : null}
      {value.type === 'tier' || value.type === 'behaviour' ? <p className="text-xs text-zinc-500">{t('inactivityHint', { days: inactivityDays })}</p> : null}
      <p role="status" aria-live="polite" className="text-sm font-medium text-zinc-800" data-testid="sequence-audience-count">
        {count === null ? (complete ? t('counting') : '') : t('count', { count })}
      </p>
    </div>
  );
}
