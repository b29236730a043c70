'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import { updateSequenceSettingsAction } from '@/app/(app)/w/[slug]/sequences/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { ENTRY_MODES, SEQUENCE_LIMITS, type SequenceStatus } from '@/lib/db/schema/sequences/constants';
import { SequenceAudiencePicker } from './audience-picker';
import { settingsInput, type SettingsDraft } from './draft';
import { StepTimeline, type TimelineStep } from './step-timeline';

const choiceClass =
  'flex cursor-pointer items-start gap-3 rounded-lg px-3 py-2.5 text-sm ring-1 ring-inset ring-zinc-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-70';

function Choice({ name, checked, disabled, onChange, label, help }: { name: string; checked: boolean; disabled: boolean; onChange: () => void; label: string; help?: string }) {
  return (
    <label className={choiceClass}>
      <input type="radio" name={name} checked={checked} disabled={disabled} onChange={onChange} className="mt-0.5 size-4 shrink-0 text-brand-600" />
      <span>
        <span className="block font-medium text-zinc-900">{label}</span>
        {help ? <span className="mt-0.5 block text-xs text-zinc-600">{help}</span> : null}
      </span>
    </label>
  );
}

function Group({ legend, children, help }: { legend: string; children: ReactNode; help?: string }) {
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-sm font-medium text-zinc-800">{legend}</legend>
      {help ? <p className="-mt-1 mb-2 text-xs text-zinc-500">{help}</p> : null}
      {children}
    </fieldset>
  );
}

/**
 * The sequence builder: the five steps with their gaps, who it is for and how they enter, re-entry,
 * control group and sunset. Saved together. Draft: everything can change; paused: all but audience
 * and entry; active or stopped: read-only (the step mails stay editable in the campaign editor).
 */
export function SequenceBuilder({
  workspaceId,
  slug,
  sequenceId,
  status,
  canEdit,
  initial,
  steps,
  segments,
  lists,
  inactivityDays,
}: {
  workspaceId: string;
  slug: string;
  sequenceId: string;
  status: SequenceStatus;
  canEdit: boolean;
  initial: SettingsDraft;
  steps: TimelineStep[];
  segments: { id: string; name: string }[];
  lists: { id: string; name: string }[];
  inactivityDays: number;
}) {
  const t = useTranslations('sequences');
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const form = useActionForm(updateSequenceSettingsAction);
  const e = form.fieldErrors;
  const settingsOpen = canEdit && (status === 'draft' || status === 'paused');
  const audienceOpen = settingsOpen && status === 'draft';
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const lockNote = !canEdit ? t('builder.readOnly') : status === 'active' ? t('builder.lockedActive') : status === 'paused' ? t('builder.lockedPaused') : status === 'stopped' ? t('builder.lockedStopped') : null;

  return (
    <form
      noValidate
      aria-label={t('builder.settingsTitle')}
      className="space-y-6"
      onSubmit={(ev) => {
        ev.preventDefault();
        void form.run({ workspaceId, ...settingsInput(sequenceId, draft) });
      }}
    >
      {lockNote ? <Alert tone="info">{lockNote}</Alert> : null}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_28rem]">
        <Card title={t('builder.stepsTitle')} description={t('builder.stepsHelp')} className="min-w-0">
          <StepTimeline
            slug={slug}
            steps={steps}
            gaps={draft.gaps}
            disabled={!settingsOpen}
            errors={e}
            onGap={(i, gap) => set('gaps', draft.gaps.map((g, j) => (j === i ? gap : g)))}
          />
        </Card>
        <div className="min-w-0 space-y-6">
          <Card title={t('builder.audienceTitle')}>
            <div className="space-y-6">
              <TextField label={t('builder.name')} value={draft.name} disabled={!settingsOpen} maxLength={SEQUENCE_LIMITS.nameLength} onChange={(ev) => set('name', ev.target.value)} error={e.name} />
              <SequenceAudiencePicker
                workspaceId={workspaceId}
                value={draft.audience}
                onChange={(a) => set('audience', a)}
                segments={segments}
                inactivityDays={inactivityDays}
                disabled={!audienceOpen}
                errors={e}
              />
              <Group legend={t('entry.legend')}>
                {ENTRY_MODES.map((m) => (
                  <Choice key={m} name={`${id}-entry`} checked={draft.entryMode === m} disabled={!audienceOpen} onChange={() => set('entryMode', m)} label={t(`entry.${m}`)} help={t(`entry.${m}Help`)} />
                ))}
              </Group>
            </div>
          </Card>
          <Card title={t('builder.settingsTitle')}>
            <div className="space-y-6">
              <Group legend={t('builder.reentryLegend')} help={t('builder.reentryHelp')}>
                <Choice name={`${id}-reentry`} checked={draft.reentry === 'never'} disabled={!settingsOpen} onChange={() => set('reentry', 'never')} label={t('builder.reentryNever')} />
                <Choice name={`${id}-reentry`} checked={draft.reentry === 'after'} disabled={!settingsOpen} onChange={() => set('reentry', 'after')} label={t('builder.reentryAfter')} />
                {draft.reentry === 'after' ? (
                  <TextField
                    className="pl-7"
                    label={t('builder.cooldownDays')}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={SEQUENCE_LIMITS.maxCooldownDays}
                    value={draft.cooldownDays}
                    disabled={!settingsOpen}
                    onChange={(ev) => set('cooldownDays', ev.target.value)}
                    error={e.reentryCooldownDays}
                  />
                ) : null}
              </Group>
              <TextField
                label={t('builder.controlPct')}
                hint={t('builder.controlHint')}
                type="number"
                inputMode="numeric"
                min={0}
                max={SEQUENCE_LIMITS.maxControlPct}
                value={draft.controlPct}
                disabled={!settingsOpen}
                onChange={(ev) => set('controlPct', ev.target.value)}
                error={e.controlPct}
              />
              <Group legend={t('builder.sunsetLegend')}>
                <Choice name={`${id}-sunset`} checked={draft.sunsetAction === 'unsubscribe'} disabled={!settingsOpen} onChange={() => set('sunsetAction', 'unsubscribe')} label={t('builder.sunsetUnsubscribe')} />
                <Choice
                  name={`${id}-sunset`}
                  checked={draft.sunsetAction === 'list'}
                  disabled={!settingsOpen || lists.length === 0}
                  onChange={() => setDraft((d) => ({ ...d, sunsetAction: 'list', sunsetListId: d.sunsetListId || lists[0]?.id || '' }))}
                  label={t('builder.sunsetList')}
                  help={lists.length === 0 ? t('builder.sunsetNoLists') : undefined}
                />
                {draft.sunsetAction === 'list' ? (
                  <SelectField
                    className="pl-7"
                    label={t('builder.sunsetListPick')}
                    value={draft.sunsetListId}
                    disabled={!settingsOpen}
                    onChange={(ev) => set('sunsetListId', ev.target.value)}
                    options={lists.map((l) => ({ value: l.id, label: l.name }))}
                    error={e.sunsetListId}
                  />
                ) : null}
                <TextField
                  className="pt-2"
                  label={t('builder.sunsetAfter')}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={SEQUENCE_LIMITS.maxSunsetAfterDays}
                  value={draft.sunsetAfterDays}
                  disabled={!settingsOpen}
                  onChange={(ev) => set('sunsetAfterDays', ev.target.value)}
                  error={e.sunsetAfterDays}
                />
                <p className="text-xs text-zinc-500">{t('builder.sunsetHint', { tag: '{{ sunset_date }}' })}</p>
              </Group>
            </div>
          </Card>
        </div>
      </div>
      {settingsOpen ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={form.isPending} pendingLabel={t('builder.saving')}>
            {t('builder.save')}
          </Button>
          <div className="min-w-0 flex-1">
            <FormStatus error={form.formError} success={form.succeeded ? t('builder.saved') : null} />
          </div>
        </div>
      ) : null}
    </form>
  );
}
