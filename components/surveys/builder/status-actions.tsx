'use client';

import { Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { closeSurveyAction, deleteSurveyAction, openSurveyAction } from '@/lib/actions/surveys';
import type { SurveyStatus } from '@/lib/db/schema/surveys/constants';

/** Open / close / reopen and delete (which asks first: it removes every answer). Members and up. */
export function SurveyStatusActions({
  workspaceId,
  slug,
  surveyId,
  name,
  status,
  answers,
}: {
  workspaceId: string;
  slug: string;
  surveyId: string;
  name: string;
  /** As respondents meet it (an open survey past its close date reads closed). */
  status: SurveyStatus;
  answers: number;
}) {
  const t = useTranslations('surveys.builder');
  const open = useActionForm(openSurveyAction);
  const close = useActionForm(closeSurveyAction);
  const del = useActionForm(deleteSurveyAction, { refresh: false });
  const ref = { workspaceId, surveyId };
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === 'open' ? (
        <Button variant="secondary" pending={close.isPending} pendingLabel={t('closing')} onClick={() => close.run(ref)} data-testid="survey-close">
          {t('close')}
        </Button>
      ) : (
        <Button pending={open.isPending} pendingLabel={t('opening')} onClick={() => open.run(ref)} data-testid="survey-open">
          {status === 'closed' ? t('reopen') : t('open')}
        </Button>
      )}
      <ConfirmButton
        variant="secondary"
        label={
          <>
            <Trash2 aria-hidden className="size-4" />
            {t('delete.button')}
          </>
        }
        title={t('delete.title')}
        body={t('delete.body', { name, count: answers })}
        confirmLabel={t('delete.confirm')}
        pendingLabel={t('delete.deleting')}
        error={del.formError}
        data-testid="delete-survey"
        onConfirm={async () => {
          const r = await del.run({ ...ref, slug });
          return Boolean(r && !r.serverError && !r.validationErrors);
        }}
      />
      {open.formError || close.formError ? (
        <div className="basis-full">
          <FormStatus error={open.formError ?? close.formError} />
        </div>
      ) : null}
    </div>
  );
}
