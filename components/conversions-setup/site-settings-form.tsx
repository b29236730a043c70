'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextAreaField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { updateSiteSettingsAction } from '@/lib/actions/conversions';

export function SiteSettingsForm({ workspaceId, canEdit, windowDays, origins }: { workspaceId: string; canEdit: boolean; windowDays: number; origins: string[] }) {
  const t = useTranslations('conversionsSetup.site');
  const common = useTranslations('common');
  const form = useActionForm(updateSiteSettingsAction);
  const originsError = Object.entries(form.fieldErrors).find(([k]) => k.startsWith('siteOrigins'))?.[1];
  return (
    <Card title={t('title')} description={t('description')}>
      <form onSubmit={form.onSubmit} noValidate className="space-y-5" aria-label={t('title')}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <fieldset disabled={!canEdit} className="space-y-5">
          <TextField
            label={t('window')}
            name="attributionWindowDays"
            inputMode="numeric"
            className="max-w-xs"
            defaultValue={windowDays}
            hint={t('windowHint')}
            error={form.fieldErrors.attributionWindowDays}
          />
          <TextAreaField
            label={t('origins')}
            name="siteOrigins"
            rows={3}
            defaultValue={origins.join('\n')}
            placeholder="https://shop.example"
            hint={origins.length ? t('originsHint') : `${t('originsHint')} ${t('anyOrigin')}`}
            error={originsError}
          />
        </fieldset>
        <FormStatus error={form.formError} success={form.succeeded ? common('saved') : null} />
        {canEdit ? (
          <Button type="submit" pending={form.isPending} pendingLabel={common('saving')}>
            {common('save')}
          </Button>
        ) : null}
      </form>
    </Card>
  );
}
