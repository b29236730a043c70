'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { updateLinksAction } from '@/lib/actions/workspaces';

export function LinksForm({
  workspaceId,
  canEdit,
  values,
}: {
  workspaceId: string;
  canEdit: boolean;
  values: { reviewUrl: string | null; referralUrl: string | null };
}) {
  const t = useTranslations();
  const form = useActionForm(updateLinksAction);
  return (
    <Card title={t('settings.links.title')} description={t('settings.links.description')}>
      <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-label={t('settings.links.title')}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <fieldset disabled={!canEdit} className="space-y-4">
          <TextField
            label={t('settings.links.reviewUrl')}
            name="reviewUrl"
            type="url"
            inputMode="url"
            placeholder="https://"
            optional={t('common.optional')}
            hint={t('settings.links.reviewUrlHint')}
            defaultValue={values.reviewUrl ?? ''}
            error={form.fieldErrors.reviewUrl}
          />
          <TextField
            label={t('settings.links.referralUrl')}
            name="referralUrl"
            type="url"
            inputMode="url"
            placeholder="https://"
            optional={t('common.optional')}
            defaultValue={values.referralUrl ?? ''}
            error={form.fieldErrors.referralUrl}
          />
        </fieldset>
        <FormStatus error={form.formError} success={form.succeeded ? t('common.saved') : null} />
        <Button type="submit" disabled={!canEdit} pending={form.isPending} pendingLabel={t('common.saving')}>
          {t('common.save')}
        </Button>
      </form>
    </Card>
  );
}
