'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { updateMailScoreModeAction } from '@/lib/actions/surveys';
import { MAIL_SCORE_MODES, type MailScoreMode } from '@/lib/db/schema/surveys/constants';

/** Settings → Surveys: whether a score clicked in a mail waits for the person (provisional) or counts at once. */
export function MailScoreModeForm({ workspaceId, canEdit, value }: { workspaceId: string; canEdit: boolean; value: MailScoreMode }) {
  const t = useTranslations();
  const id = useId();
  const form = useActionForm(updateMailScoreModeAction);
  return (
    <Card title={t('settings.surveys.title')} description={t('settings.surveys.description')}>
      <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-label={t('settings.surveys.title')}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <fieldset disabled={!canEdit} className="space-y-3">
          <legend className="mb-2 text-sm font-medium text-zinc-800">{t('settings.surveys.mode')}</legend>
          {MAIL_SCORE_MODES.map((mode) => (
            <label
              key={mode}
              className={cn(
                'flex cursor-pointer gap-3 rounded-lg bg-white p-4 ring-1 ring-inset ring-zinc-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600 has-[:focus-visible]:ring-2',
                !canEdit && 'cursor-not-allowed',
              )}
            >
              <input
                type="radio"
                name="mailScoreMode"
                value={mode}
                defaultChecked={value === mode}
                aria-describedby={`${id}-${mode}`}
                className="mt-0.5 size-4 shrink-0 text-brand-600"
              />
              <span>
                <span className="block text-sm font-semibold text-zinc-900">{t(`settings.surveys.${mode}`)}</span>
                <span id={`${id}-${mode}`} className="mt-1 block text-sm text-zinc-600">
                  {t(`settings.surveys.${mode}Help`)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <FormStatus error={form.formError} success={form.succeeded ? t('common.saved') : null} />
        <Button type="submit" disabled={!canEdit} pending={form.isPending} pendingLabel={t('common.saving')}>
          {t('common.save')}
        </Button>
      </form>
    </Card>
  );
}
