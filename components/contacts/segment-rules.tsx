'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CONTACT_STATUSES } from '@/lib/db/schema/contacts/constants';
import { CSAT_CATEGORIES, SURVEY_GROUPS } from '@/lib/db/schema/surveys/constants';
import { INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import { SEGMENT_LIMITS, type Match } from '@/lib/segments/rules';
import { newRule, RULE_KINDS, type DraftRule, type RuleKind } from './segment-draft';

const control = 'rounded-md border-0 py-1.5 pl-2 pr-7 text-sm ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500';
const input = `${control} pr-2`;

interface Common {
  lists: { id: string; name: string }[];
  /** Translated messages by path, e.g. "rules.0.days". */
  errors: Record<string, string>;
}

interface ListProps extends Common {
  match: Match;
  rules: DraftRule[];
  onChange: (match: Match, rules: DraftRule[]) => void;
  path: string;
  depth: number;
}

/** A match selector and its rules; groups nest this list up to SEGMENT_LIMITS.maxDepth levels. */
export function RuleList({ match, rules, onChange, path, depth, lists, errors }: ListProps) {
  const t = useTranslations('contacts.segments');
  const [adding, setAdding] = useState<RuleKind>('lastActivity');
  const kinds = RULE_KINDS.filter((k) => k !== 'group' || depth < SEGMENT_LIMITS.maxDepth);
  const listError = errors[`${path}rules`];
  return (
    <div className="space-y-3">
      <label className="flex flex-wrap items-center gap-2 text-sm text-zinc-800">
        {t('matchLabel')}
        <select value={match} onChange={(e) => onChange(e.target.value as Match, rules)} className={control}>
          <option value="all">{t('matchAll')}</option>
          <option value="any">{t('matchAny')}</option>
        </select>
      </label>
      <ol className="space-y-3">
        {rules.map((rule, i) => (
          <li key={rule.uid}>
            <RuleEditor
              rule={rule}
              n={i + 1}
              path={`${path}rules.${i}.`}
              depth={depth}
              lists={lists}
              errors={errors}
              onChange={(next) => onChange(match, rules.map((r) => (r.uid === rule.uid ? next : r)))}
              onRemove={() => onChange(match, rules.filter((r) => r.uid !== rule.uid))}
            />
          </li>
        ))}
      </ol>
      {listError ? <p className="text-sm text-red-700">{listError}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        <select aria-label={t('ruleKind')} value={adding} onChange={(e) => setAdding(e.target.value as RuleKind)} className={control}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
        <Button variant="secondary" onClick={() => onChange(match, [...rules, newRule(adding, lists)])}>
          {t('addRule')}
        </Button>
      </div>
    </div>
  );
}

interface EditorProps extends Common {
  rule: DraftRule;
  n: number;
  path: string;
  depth: number;
  onChange: (rule: DraftRule) => void;
  onRemove: () => void;
}

function RuleEditor({ rule, n, path, depth, lists, errors, onChange, onRemove }: EditorProps) {
  const t = useTranslations('contacts');
  const set = (patch: Partial<DraftRule>) => onChange({ ...rule, ...patch });
  const err = (field: string) => errors[`${path}${field}`];
  const select = (field: 'signal' | 'op' | 'behaviour', label: string, options: string[], prefix: string) => (
    <select aria-label={label} value={rule[field] ?? ''} onChange={(e) => set({ [field]: e.target.value })} className={control}>
      {options.map((o) => (
        <option key={o} value={o}>
          {t(`segments.${prefix}.${o}`)}
        </option>
      ))}
    </select>
  );
  const text = (field: 'days' | 'tag' | 'key' | 'value', label: string, extra: { type?: string; width?: string } = {}) => (
    <span className="inline-flex flex-col">
      <input
        aria-label={label}
        aria-invalid={err(field) ? true : undefined}
        type={extra.type ?? 'text'}
        inputMode={extra.type === 'number' ? 'numeric' : undefined}
        value={rule[field] ?? ''}
        onChange={(e) => set({ [field]: e.target.value })}
        className={`${input} ${extra.width ?? 'w-40'}`}
      />
      {err(field) ? <span className="mt-1 text-xs text-red-700">{err(field)}</span> : null}
    </span>
  );
  const checks = (field: 'tiers' | 'statuses' | 'categories', options: readonly string[], prefix: string) => (
    <span className="inline-flex flex-col">
      <span className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => {
          const on = (rule[field] ?? []).includes(o);
          return (
            <label key={o} className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={on}
                onChange={() => set({ [field]: on ? (rule[field] ?? []).filter((x) => x !== o) : [...(rule[field] ?? []), o] })}
                className="size-4 rounded border-zinc-300 text-brand-600"
              />
              {t(`${prefix}.${o}`)}
            </label>
          );
        })}
      </span>
      {err(field) ? <span className="mt-1 text-xs text-red-700">{err(field)}</span> : null}
    </span>
  );
  const daysLabel = t('segments.days');
  return (
    <fieldset className="rounded-lg bg-zinc-50 p-3 ring-1 ring-inset ring-zinc-200">
      <legend className="sr-only">{t('segments.ruleLegend', { n, kind: t(`segments.kinds.${rule.kind}`) })}</legend>
      <div className="flex flex-wrap items-start gap-2 text-sm">
        <span className="py-1.5 font-medium text-zinc-800" aria-hidden>
          {t(`segments.kinds.${rule.kind}`)}
        </span>
        {rule.kind === 'lastActivity' ? (
          <>
            {select('signal', t('segments.signal'), ['open', 'click', 'purchase'], 'signals')}
            {select('op', t('segments.condition'), ['olderThan', 'within', 'never'], 'activityOps')}
            {rule.op !== 'never' ? text('days', daysLabel, { type: 'number', width: 'w-24' }) : null}
          </>
        ) : null}
        {rule.kind === 'inactivityTier' ? checks('tiers', INACTIVITY_TIER_IDS, 'detail.tiers') : null}
        {rule.kind === 'engagement' ? (
          <>
            {select('behaviour', t('segments.behaviour'), ['openedNotClicked', 'neverEngaged'], 'behaviours')}
            {text('days', rule.behaviour === 'neverEngaged' ? t('segments.joinedDaysAgo') : daysLabel, { type: 'number', width: 'w-24' })}
          </>
        ) : null}
        {rule.kind === 'list' ? (
          <>
            {select('op', t('segments.condition'), ['in', 'notIn'], 'listOps')}
            <span className="inline-flex flex-col">
              <select aria-label={t('segments.list')} value={rule.listId ?? ''} onChange={(e) => set({ listId: e.target.value })} className={control} aria-invalid={err('listId') ? true : undefined}>
                {lists.length === 0 ? <option value="">{t('segments.noLists')}</option> : null}
                {lists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
              {err('listId') ? <span className="mt-1 text-xs text-red-700">{err('listId')}</span> : null}
            </span>
          </>
        ) : null}
        {rule.kind === 'tag' ? (
          <>
            {select('op', t('segments.condition'), ['has', 'notHas'], 'tagOps')}
            {text('tag', t('segments.tag'))}
          </>
        ) : null}
        {rule.kind === 'attribute' ? (
          <>
            {text('key', t('segments.attributeKey'))}
            {select('op', t('segments.condition'), ['equals', 'contains'], 'attributeOps')}
            {text('value', t('segments.attributeValue'))}
          </>
        ) : null}
        {rule.kind === 'status' ? checks('statuses', CONTACT_STATUSES, 'statuses') : null}
        {rule.kind === 'surveyCategory' ? (
          <>
            <select
              aria-label={t('segments.surveyKind')}
              value={rule.survey ?? 'nps'}
              // The groups differ per kind: switching starts from the first group of the other kind.
              onChange={(e) => set({ survey: e.target.value, categories: [e.target.value === 'csat' ? CSAT_CATEGORIES[0] : SURVEY_GROUPS[0]] })}
              className={control}
            >
              <option value="nps">{t('segments.surveyKinds.nps')}</option>
              <option value="csat">{t('segments.surveyKinds.csat')}</option>
            </select>
            {checks('categories', rule.survey === 'csat' ? CSAT_CATEGORIES : SURVEY_GROUPS, `segments.surveyGroups.${rule.survey === 'csat' ? 'csat' : 'nps'}`)}
          </>
        ) : null}
        <Button variant="ghost" className="ml-auto min-h-8 px-2 py-1 text-red-700" onClick={onRemove} aria-label={t('segments.removeRule', { n })}>
          {t('segments.remove')}
        </Button>
      </div>
      {rule.kind === 'group' ? (
        <div className="mt-3 border-l-2 border-brand-100 pl-3">
          <RuleList
            match={rule.match ?? 'all'}
            rules={rule.rules ?? []}
            onChange={(match, rules) => set({ match, rules })}
            path={path}
            depth={depth + 1}
            lists={lists}
            errors={errors}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
