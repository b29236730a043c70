'use client';

import { Send } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { AudiencePicker, type AudienceChoices } from '@/components/campaigns/audience-picker';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { sendSurveyAction } from '@/lib/actions/survey-send';
import type { CampaignAudience } from '@/lib/db/schema/campaigns';
import { SURVEY_CADENCES, type SurveyKind, type SurveyStatus } from '@/lib/db/schema/surveys/constants';

export interface SendSurveyDialogProps extends AudienceChoices {
  workspaceId: string;
  /** The workspace slug: after "Create campaign draft" the user lands on /w/<slug>/campaigns/<id>/edit. */
  slug: string;
  survey: {
    id: string;
    name: string;
    kind: SurveyKind;
    status: SurveyStatus;
    /** The stored cadence (3, 6 or 12) and audience of the last send, preselected. */
    cadenceMonths: number | null;
    waveAudience: CampaignAudience | null;
    /** ISO; shown when a cadence is running. */
    nextWaveAt: string | null;
  };
  /** Members and up; the page hides or disables it for viewers. */
  disabled?: boolean;
}

/**
 * "Send this survey": a button that opens a modal dialog to choose the audience (everyone, a list,
 * a segment or NPS groups, with live counts) and an optional cadence. Confirming creates a campaign
 * draft with the survey's score buttons and opens it in the campaign editor to review and schedule.
 */
export function SendSurveyDialog({ workspaceId, slug, survey, lists, segments, npsCounts, disabled }: SendSurveyDialogProps) {
  const t = useTranslations('surveys.send');
  const format = useFormatter();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [audience, setAudience] = useState<CampaignAudience>(survey.waveAudience ?? { type: 'all' });
  const [cadence, setCadence] = useState<number | null>(survey.cadenceMonths);
  const send = useActionForm(sendSurveyAction, { refresh: false });
  const closed = survey.status === 'closed';

  return (
    <>
      <Button variant="primary" disabled={disabled || closed} onClick={() => ref.current?.showModal()} data-testid="send-survey">
        <Send aria-hidden className="size-4" />
        {t('open')}
      </Button>
      {closed ? <p className="text-xs text-zinc-600">{t('closed')}</p> : null}
      {survey.cadenceMonths && survey.nextWaveAt ? (
        <p className="text-xs text-zinc-600">{t('nextWave', { date: format.dateTime(new Date(survey.nextWaveAt), { dateStyle: 'medium' }) })}</p>
      ) : null}
      <dialog
        ref={ref}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="m-auto max-h-[calc(100dvh-2rem)] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200 backdrop:bg-zinc-900/40"
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send.run({ workspaceId, slug, surveyId: survey.id, audience, cadenceMonths: cadence });
          }}
          className="space-y-5"
        >
          <div>
            <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-900">
              {t('title')}: {survey.name}
            </h2>
            <p id={`${id}-body`} className="mt-2 text-sm text-zinc-700">
              {t('description')}
            </p>
          </div>
          {survey.status === 'draft' ? <Alert tone="info">{t('draftNote')}</Alert> : null}
          <AudiencePicker
            namespace="surveys.send"
            workspaceId={workspaceId}
            value={audience}
            onChange={setAudience}
            errors={send.fieldErrors}
            lists={lists}
            segments={segments}
            npsCounts={npsCounts}
          />
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-zinc-800">{t('cadence')}</legend>
            <div className="flex flex-wrap gap-2">
              {[null, ...SURVEY_CADENCES].map((months) => (
                <label
                  key={months ?? 'once'}
                  className="inline-flex min-h-10 cursor-pointer items-center gap-2 rounded-lg px-3 text-sm ring-1 ring-inset ring-zinc-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600"
                >
                  <input type="radio" name={`${id}-cadence`} className="size-4 text-brand-600" checked={cadence === months} onChange={() => setCadence(months)} />
                  {months ? t('cadenceEvery', { months }) : t('cadenceOnce')}
                </label>
              ))}
            </div>
            <p className="mt-2 text-xs text-zinc-600">{t('cadenceHint')}</p>
          </fieldset>
          <FormStatus error={send.formError} />
          <div className="flex flex-wrap justify-end gap-3">
            <Button variant="secondary" onClick={() => ref.current?.close()}>
              {t('cancel')}
            </Button>
            <Button type="submit" pending={send.isPending} pendingLabel={t('creating')}>
              {t('submit')}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
