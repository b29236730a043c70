'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { createSurveyAction, updateSurveyAction } from '@/lib/actions/surveys';
import { SURVEY_GROUPS, SURVEY_LIMITS, SURVEY_LOCALES, type SurveyGroup, type SurveyLocale } from '@/lib/db/schema/surveys/constants';
import { HEX_COLOR } from '@/lib/db/schema/surveys/validation';
import type { PageLocale, SurveyLook } from '@/lib/surveys/render';
import { AlertRecipients, type MemberOption } from './alert-recipients';
import { BrandColorField } from './brand-color-field';
import { KindChoice } from './kind-choice';
import { SurveyPreview } from './survey-preview';
import { type BuilderDraft } from './draft';

interface Props {
  workspaceId: string;
  workspaceName: string;
  slug: string;
  timeZone: string;
  members: MemberOption[];
  canEdit: boolean;
  /** Absent: the "new survey" form, which creates and then opens the editor. */
  surveyId?: string;
  initial: BuilderDraft;
  /** The kind can't change once answers exist. */
  kindLocked?: boolean;
  /** Shown on the promoters' thank-you page in the preview. */
  links: { review?: string; referral?: string };
}

export function SurveyBuilder({ workspaceId, workspaceName, slug, timeZone, members, canEdit, surveyId, initial, kindLocked, links }: Props) {
  const t = useTranslations('surveys.builder');
  const tc = useTranslations('common');
  const uiLocale = useLocale() as PageLocale;
  const router = useRouter();
  const [draft, setDraft] = useState(initial);
  const [previewLocale, setPreviewLocale] = useState<PageLocale>(initial.locale === 'auto' ? uiLocale : initial.locale);
  const form = useActionForm(surveyId ? updateSurveyAction : createSurveyAction, {
    refresh: Boolean(surveyId),
    onSuccess: (data) => {
      if (!surveyId) router.push(`/w/${slug}/surveys/${(data as { id: string }).id}/edit`);
    },
  });
  // Reopening clears a close date that has passed: take the server's value, keep the rest as typed.
  const [serverClose, setServerClose] = useState(initial.closesAtLocal);
  if (initial.closesAtLocal !== serverClose) {
    setServerClose(initial.closesAtLocal);
    setDraft((d) => ({ ...d, closesAtLocal: initial.closesAtLocal }));
  }
  const e = form.fieldErrors;
  const set = <K extends keyof BuilderDraft>(key: K, value: BuilderDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setGroup = (key: 'followUp' | 'thankYou', g: SurveyGroup, value: string) => setDraft((d) => ({ ...d, [key]: { ...d[key], [g]: value } }));
  const groupLabel = (g: SurveyGroup) => t(`groups.${draft.kind}.${g}`);

  const look: SurveyLook = useMemo(
    () => ({
      kind: draft.kind,
      question: draft.question.trim(),
      followUp: draft.followUp,
      thankYou: draft.thankYou,
      passiveNextStep: draft.nextStepLabel.trim() && /^https?:\/\//i.test(draft.nextStepUrl.trim()) ? { label: draft.nextStepLabel.trim(), url: draft.nextStepUrl.trim() } : null,
      brandColor: HEX_COLOR.test(draft.brandColor) ? draft.brandColor : '#4f46e5',
      logoUrl: /^https:\/\/\S+$/i.test(draft.logoUrl.trim()) ? draft.logoUrl.trim() : null,
      workspaceName,
    }),
    [draft, workspaceName],
  );

  const submit = () =>
    form.run({
      workspaceId,
      ...(surveyId ? { surveyId } : {}),
      name: draft.name,
      kind: draft.kind,
      locale: draft.locale,
      question: draft.question,
      followUp: draft.followUp,
      thankYou: draft.thankYou,
      passiveNextStep: { label: draft.nextStepLabel, url: draft.nextStepUrl },
      brandColor: draft.brandColor,
      logoUrl: draft.logoUrl,
      changeWindowHours: draft.changeWindowHours,
      alertUserIds: draft.alertUserIds,
      closesAtLocal: draft.closesAtLocal,
    });

  const defaultQuestion = t(`defaultQuestion.${draft.kind}`);
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
      <form
        noValidate
        aria-label={surveyId ? t('save') : t('create')}
        className="min-w-0 space-y-6"
        onSubmit={(ev) => {
          ev.preventDefault();
          void submit();
        }}
      >
        <fieldset disabled={!canEdit} className="min-w-0 space-y-6">
          <Card title={t('sections.basics')}>
            <div className="space-y-4">
              <TextField label={t('name')} hint={t('nameHint')} value={draft.name} required maxLength={SURVEY_LIMITS.nameLength} onChange={(ev) => set('name', ev.target.value)} error={e.name} />
              <KindChoice value={draft.kind} onChange={(k) => set('kind', k)} locked={kindLocked} error={e.kind} />
              <TextField
                label={t('question')}
                hint={t('questionHint')}
                placeholder={defaultQuestion}
                value={draft.question}
                maxLength={SURVEY_LIMITS.questionLength}
                optional={tc('optional')}
                onChange={(ev) => set('question', ev.target.value)}
                error={e.question}
              />
              <SelectField
                label={t('locale')}
                value={draft.locale}
                onChange={(ev) => {
                  const l = ev.target.value as SurveyLocale;
                  set('locale', l);
                  if (l !== 'auto') setPreviewLocale(l);
                }}
                options={SURVEY_LOCALES.map((l) => ({ value: l, label: t(`locales.${l}`) }))}
                error={e.locale}
              />
            </div>
          </Card>

          <Card title={t('sections.groups')} description={t('sections.groupsHelp')}>
            <div className="divide-y divide-zinc-100">
              {SURVEY_GROUPS.map((g) => (
                <fieldset key={g} className="space-y-4 py-5 first:pt-0 last:pb-0" data-testid={`group-${g}`}>
                  <legend className="float-left mb-3 w-full text-sm font-semibold text-zinc-900">{groupLabel(g)}</legend>
                  <TextField
                    className="clear-left"
                    label={t('followUp')}
                    placeholder={g === 'detractor' ? t('followUpDetractorPlaceholder') : t('followUpPlaceholder')}
                    optional={tc('optional')}
                    value={draft.followUp[g]}
                    maxLength={SURVEY_LIMITS.followUpLength}
                    onChange={(ev) => setGroup('followUp', g, ev.target.value)}
                    error={e[`followUp.${g}`]}
                  />
                  <TextAreaField
                    label={t('thankYou')}
                    optional={tc('optional')}
                    hint={g === 'promoter' ? t('thankYouPromoterHint') : undefined}
                    value={draft.thankYou[g]}
                    maxLength={SURVEY_LIMITS.thankYouLength}
                    rows={3}
                    onChange={(ev) => setGroup('thankYou', g, ev.target.value)}
                    error={e[`thankYou.${g}`]}
                  />
                  {g === 'passive' ? (
                    <div className="rounded-lg bg-zinc-50 p-4 ring-1 ring-inset ring-zinc-200">
                      <p className="text-sm font-medium text-zinc-800">{t('nextStep')}</p>
                      <p className="mt-1 text-xs text-zinc-500">{t('nextStepHint')}</p>
                      <div className="mt-3 grid gap-4 sm:grid-cols-2">
                        <TextField label={t('nextStepLabel')} value={draft.nextStepLabel} maxLength={80} onChange={(ev) => set('nextStepLabel', ev.target.value)} error={e['passiveNextStep.label']} />
                        <TextField
                          label={t('nextStepUrl')}
                          type="url"
                          inputMode="url"
                          placeholder="https://"
                          value={draft.nextStepUrl}
                          onChange={(ev) => set('nextStepUrl', ev.target.value)}
                          error={e['passiveNextStep.url']}
                        />
                      </div>
                    </div>
                  ) : null}
                </fieldset>
              ))}
            </div>
          </Card>

          <Card title={t('sections.look')}>
            <div className="space-y-4">
              <BrandColorField value={draft.brandColor} onChange={(v) => set('brandColor', v)} error={e.brandColor} />
              <TextField
                label={t('logoUrl')}
                hint={t('logoHint')}
                optional={tc('optional')}
                type="url"
                inputMode="url"
                placeholder="https://"
                value={draft.logoUrl}
                onChange={(ev) => set('logoUrl', ev.target.value)}
                error={e.logoUrl}
              />
            </div>
          </Card>

          <Card title={t('sections.answers')}>
            <div className="space-y-4">
              <div className="grid gap-4 sm:grid-cols-2">
                <TextField
                  label={t('closesAt')}
                  hint={t('closesAtHint', { timeZone })}
                  optional={tc('optional')}
                  type="datetime-local"
                  value={draft.closesAtLocal}
                  onChange={(ev) => set('closesAtLocal', ev.target.value)}
                  error={e.closesAtLocal}
                />
                <TextField
                  label={t('changeWindow')}
                  hint={t('changeWindowHint')}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={SURVEY_LIMITS.maxChangeWindowHours}
                  value={draft.changeWindowHours}
                  onChange={(ev) => set('changeWindowHours', ev.target.value)}
                  error={e.changeWindowHours}
                />
              </div>
              <AlertRecipients kind={draft.kind} members={members} value={draft.alertUserIds} onChange={(ids) => set('alertUserIds', ids)} error={e.alertUserIds} />
            </div>
          </Card>
        </fieldset>
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" pending={form.isPending} pendingLabel={surveyId ? t('saving') : t('creating')}>
              {surveyId ? t('save') : t('create')}
            </Button>
            <div className="min-w-0 flex-1">
              <FormStatus error={form.formError} success={form.succeeded && surveyId ? t('saved') : null} />
            </div>
          </div>
        ) : null}
      </form>
      <div className="min-w-0">
        <div className="xl:sticky xl:top-6">
          <SurveyPreview look={look} locale={previewLocale} onLocale={setPreviewLocale} links={links} />
        </div>
      </div>
    </div>
  );
}
