'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import type { SurveyOption } from '@/lib/campaigns/survey-block';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { updateCampaignAction } from '@/lib/actions/campaigns';
import { MERGE_TAGS, unknownMergeTags } from '@/lib/campaigns/merge-tags';
import type { AbTestConfig, CampaignAudience, ContentBlock } from '@/lib/db/schema/campaigns';
import { AUDIENCE_KINDS, CAMPAIGN_CATEGORIES, type AudienceKind, type CampaignCategory, type CampaignStatus } from '@/lib/db/schema/campaigns/constants';
import type { SequenceStatus } from '@/lib/db/schema/sequences/constants';
import { AbEditor, defaultAbTest } from './ab-editor';
import { AudiencePicker, type AudienceChoices } from './audience-picker';
import { BlocksEditor } from './blocks-editor';
import { MailPreview } from './mail-preview';
import { SendPanel } from './send-panel';

export interface EditorCampaign {
  id: string;
  name: string;
  category: CampaignCategory;
  audienceKind: AudienceKind;
  status: CampaignStatus;
  subject: string;
  previewText: string;
  blocks: ContentBlock[];
  audience: CampaignAudience;
  abTest: AbTestConfig | null;
  scheduledAt: string | null;
}

interface Props {
  workspaceId: string;
  workspaceName: string;
  locale: string;
  campaign: EditorCampaign;
  lists: { id: string; name: string }[];
  segments: { id: string; name: string }[];
  npsCounts: AudienceChoices['npsCounts'];
  /** The workspace's surveys for the survey block (and its preview). */
  surveys: SurveyOption[];
  canEdit: boolean;
  suggestedAt: string;
  timeZone: string;
  userEmail: string;
  /** Set when this campaign is a sequence step: the sequence sends it, so audience, schedule and A/B are not here. */
  step?: { position: number; sequenceName: string; sequenceStatus: SequenceStatus };
}

export function CampaignEditor({ workspaceId, workspaceName, locale, campaign, lists, segments, npsCounts, surveys, canEdit, suggestedAt, timeZone, userEmail, step }: Props) {
  const t = useTranslations('campaigns');
  const ts = useTranslations('sequences.stepMail');
  const [draft, setDraft] = useState(campaign);
  // Bumped only by the Save button: the send panel's own save-before-send must not clear its answer.
  const [savedCount, setSavedCount] = useState(0);
  const save = useActionForm(updateCampaignAction);
  // A step stays editable while its sequence runs (its status is then 'sending'); never once stopped.
  const locked = step ? step.sequenceStatus === 'stopped' : campaign.status !== 'draft' && campaign.status !== 'scheduled';
  const disabled = !canEdit || locked;
  const set = <K extends keyof EditorCampaign>(key: K, value: EditorCampaign[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const e = save.fieldErrors;

  const saveDraft = useCallback(async () => {
    const { id, status: _s, scheduledAt: _a, ...input } = draft;
    void _s;
    void _a;
    const result = await save.run({ ...input, campaignId: id, workspaceId });
    return Boolean(result && !result.serverError && !result.validationErrors);
  }, [draft, save, workspaceId]);

  const unknown = unknownMergeTags([draft.subject, draft.previewText, ...draft.blocks.map((b) => ('text' in b ? b.text : ''))].join(' '));
  const embeds = useMemo(() => Object.fromEntries(surveys.map((s) => [s.id, s.embed])), [surveys]);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
      <div className="min-w-0 space-y-6">
        {step ? (
          <Alert tone={locked ? 'warning' : 'info'}>
            {locked ? ts('stopped') : ts('notice', { n: step.position, name: step.sequenceName })}
            {!locked && step.sequenceStatus !== 'draft' ? ` ${ts('noticeRunning')}` : null}
          </Alert>
        ) : locked ? (
          <Alert tone="info">{t('editor.locked', { status: t(`statuses.${campaign.status}`) })}</Alert>
        ) : null}
        <Card title={t('editor.settings')}>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField className="sm:col-span-3" label={t('name')} value={draft.name} disabled={disabled} onChange={(ev) => set('name', ev.target.value)} error={e.name} />
            {step ? null : (
              <>
                <SelectField
                  label={t('category')}
                  hint={t('categoryHint')}
                  value={draft.category}
                  disabled={disabled}
                  onChange={(ev) => set('category', ev.target.value as CampaignCategory)}
                  options={CAMPAIGN_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
                />
                <SelectField
                  label={t('audienceKind')}
                  value={draft.audienceKind}
                  disabled={disabled}
                  onChange={(ev) => set('audienceKind', ev.target.value as AudienceKind)}
                  options={AUDIENCE_KINDS.map((k) => ({ value: k, label: k.toUpperCase() }))}
                />
              </>
            )}
          </div>
        </Card>
        {step ? null : (
          <Card title={t('editor.audience')}>
            <AudiencePicker
              namespace="campaigns.editor"
              workspaceId={workspaceId}
              value={draft.audience}
              onChange={(a) => set('audience', a)}
              disabled={disabled}
              errors={e}
              lists={lists}
              segments={segments}
              npsCounts={npsCounts}
            />
            {!lists.length ? <p className="mt-3 text-xs text-zinc-500">{t('editor.noLists')}</p> : null}
          </Card>
        )}
        <Card title={t('editor.content')}>
          <div className="space-y-4">
            <TextField label={t('editor.subject')} value={draft.subject} disabled={disabled} onChange={(ev) => set('subject', ev.target.value)} error={e.subject} />
            <TextField
              label={t('editor.previewText')}
              hint={t('editor.previewTextHint')}
              value={draft.previewText}
              disabled={disabled}
              onChange={(ev) => set('previewText', ev.target.value)}
              error={e.previewText}
            />
            <p className="text-xs text-zinc-500">
              {t('editor.mergeHint', { tags: MERGE_TAGS.map((m) => `{{ ${m} }}`).join(', '), example: '{{ first_name | "there" }}' })}
            </p>
            {unknown.length ? <Alert tone="warning">{t('editor.unknownTags', { tags: unknown.join(', ') })}</Alert> : null}
            <h3 className="pt-2 text-sm font-semibold text-zinc-900">{t('editor.blocks')}</h3>
            <BlocksEditor blocks={draft.blocks} onChange={(b) => set('blocks', b)} errors={e} disabled={disabled} surveys={surveys} />
          </div>
        </Card>
        {step ? null : (
          <Card title={t('editor.ab')}>
            <CheckboxField
              label={t('editor.abEnable')}
              checked={Boolean(draft.abTest)}
              disabled={disabled}
              onChange={(ev) => set('abTest', ev.target.checked ? defaultAbTest(draft.subject) : null)}
            />
            {draft.abTest ? (
              <div className="mt-4">
                <AbEditor value={draft.abTest} onChange={(v) => set('abTest', v)} errors={e} disabled={disabled} />
              </div>
            ) : null}
          </Card>
        )}
        {!disabled ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button pending={save.isPending} onClick={async () => (await saveDraft()) && setSavedCount((n) => n + 1)}>
              {step ? ts('save') : t('editor.save')}
            </Button>
            <div className="flex-1">
              <FormStatus error={save.formError} success={save.succeeded ? (step ? ts('saved') : t('editor.saved')) : null} />
            </div>
          </div>
        ) : null}
      </div>
      {/* min-w-0: the preview's truncated lines must not widen the page on a phone. */}
      <div className="min-w-0 space-y-6">
        {!disabled && !step ? (
          <SendPanel
            workspaceId={workspaceId}
            campaignId={campaign.id}
            status={campaign.status}
            scheduledAt={campaign.scheduledAt}
            audienceKind={draft.audienceKind}
            suggestedAt={suggestedAt}
            timeZone={timeZone}
            userEmail={userEmail}
            saveFirst={saveDraft}
            savedCount={savedCount}
          />
        ) : null}
        <section aria-label={t('editor.preview')} className="xl:sticky xl:top-6">
          <h2 className="mb-2 text-sm font-semibold text-zinc-900">{t('editor.preview')}</h2>
          <MailPreview subject={draft.subject} previewText={draft.previewText} blocks={draft.blocks} locale={locale} workspaceName={workspaceName} surveys={embeds} />
        </section>
      </div>
    </div>
  );
}
