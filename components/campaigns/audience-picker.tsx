'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { SelectField } from '@/components/ui/field';
import { countAudienceAction } from '@/lib/actions/survey-send';
import type { CampaignAudience } from '@/lib/db/schema/campaigns';
import { SURVEY_GROUPS, type SurveyGroup } from '@/lib/db/schema/surveys/constants';

const COUNT_DEBOUNCE_MS = 400;

export interface AudienceChoices {
  lists: { id: string; name: string }[];
  segments: { id: string; name: string }[];
  /** Subscribed contacts per NPS group (latest answer), shown beside each group. */
  npsCounts: Record<SurveyGroup, number>;
}

interface Props extends AudienceChoices {
  workspaceId: string;
  value: CampaignAudience;
  onChange: (audience: CampaignAudience) => void;
  disabled?: boolean;
  errors?: Record<string, string>;
  /** Labels: the campaign editor's or the send dialog's namespace (same keys). */
  namespace: 'campaigns.editor' | 'surveys.send';
}

/**
 * Everyone, a list, a segment or NPS groups (promoters / passives / detractors), with a live count
 * of the subscribed contacts it selects right now. Shared by the campaign editor and "Send this survey".
 */
export function AudiencePicker({ workspaceId, value, onChange, disabled, errors = {}, lists, segments, npsCounts, namespace }: Props) {
  const t = useTranslations(namespace);
  const tc = useTranslations('campaigns.editor');
  const format = useFormatter();
  const groupsId = useId();
  const key = JSON.stringify(value);
  const [count, setCount] = useState<number | null>(null);
  const seq = useRef(0);
  const complete = value.type !== 'npsCategory' || value.categories.length > 0;

  useEffect(() => {
    const mine = ++seq.current;
    const id = setTimeout(async () => {
      if (!complete) return setCount(null);
      const res = await countAudienceAction({ workspaceId, audience: JSON.parse(key) });
      // A slower answer for an older choice must not overwrite the newer one.
      if (mine === seq.current) setCount(res?.data ? res.data.count : null);
    }, COUNT_DEBOUNCE_MS);
    return () => clearTimeout(id);
  }, [key, complete, workspaceId]);

  const groups = value.type === 'npsCategory' ? value.categories : [];
  const toggle = (g: SurveyGroup) =>
    onChange({ type: 'npsCategory', categories: groups.includes(g) ? groups.filter((x) => x !== g) : SURVEY_GROUPS.filter((x) => x === g || groups.includes(x)) });

  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('audience')}
          value={value.type}
          disabled={disabled}
          onChange={(ev) => {
            const type = ev.target.value;
            if (type === 'list' && lists[0]) onChange({ type: 'list', listId: lists[0].id });
            else if (type === 'segment' && segments[0]) onChange({ type: 'segment', segmentId: segments[0].id });
            else if (type === 'npsCategory') onChange({ type: 'npsCategory', categories: ['promoter'] });
            else onChange({ type: 'all' });
          }}
          options={[
            { value: 'all', label: t('audienceAll') },
            ...(lists.length ? [{ value: 'list', label: t('audienceList') }] : []),
            ...(segments.length ? [{ value: 'segment', label: t('audienceSegment') }] : []),
            { value: 'npsCategory', label: t('audienceNps') },
          ]}
        />
        {value.type === 'list' ? (
          <SelectField
            label={t('list')}
            value={value.listId}
            disabled={disabled}
            onChange={(ev) => onChange({ type: 'list', listId: ev.target.value })}
            options={lists.map((l) => ({ value: l.id, label: l.name }))}
            error={errors['audience.listId']}
          />
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
      </div>
      {value.type === 'npsCategory' ? (
        <fieldset aria-describedby={errors['audience.categories'] ? `${groupsId}-error` : undefined}>
          <legend className="mb-2 text-sm font-medium text-zinc-800">{tc('npsGroupsLegend')}</legend>
          <div className="flex flex-wrap gap-2">
            {SURVEY_GROUPS.map((g) => (
              <label
                key={g}
                className="inline-flex min-h-10 cursor-pointer items-center gap-2 rounded-lg px-3 text-sm ring-1 ring-inset ring-zinc-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600"
              >
                <input type="checkbox" className="size-4 rounded border-zinc-300 text-brand-600" checked={groups.includes(g)} disabled={disabled} onChange={() => toggle(g)} />
                {tc('npsGroupCount', { group: tc(`npsGroups.${g}`), count: format.number(npsCounts[g]) })}
              </label>
            ))}
          </div>
          {errors['audience.categories'] ? (
            <p id={`${groupsId}-error`} className="mt-1 text-sm text-red-700">
              {errors['audience.categories']}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <p role="status" aria-live="polite" className="text-sm text-zinc-700" data-testid="audience-count">
        {count === null ? (complete ? tc('recipientsCounting') : '') : tc('recipients', { count })}
      </p>
    </div>
  );
}
