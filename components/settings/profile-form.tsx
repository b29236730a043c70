'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { updateProfileAction } from '@/lib/actions/workspaces';
import { useIndustryOptions, useLocaleOptions } from './options';

interface Props {
  workspaceId: string;
  canEdit: boolean;
  values: { name: string; industry: string; timezone: string; locale: string };
}

export function ProfileForm({ workspaceId, canEdit, values }: Props) {
  const t = useTranslations();
  const form = useActionForm(updateProfileAction);
  const timezones = useMemo(() => Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z.replace(/_/g, ' ') })), []);
  return (
    <Card title={t('settings.general.title')} description={t('settings.general.description')}>
      <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-label={t('settings.general.title')}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <fieldset disabled={!canEdit} className="grid gap-4 sm:grid-cols-2">
          <TextField
            className="sm:col-span-2"
            label={t('settings.general.name')}
            name="name"
            defaultValue={values.name}
            required
            error={form.fieldErrors.name}
          />
          <SelectField
            label={t('settings.general.industry')}
            name="industry"
            defaultValue={values.industry}
            hint={t('settings.general.industryHint')}
            options={useIndustryOptions()}
            error={form.fieldErrors.industry}
          />
          <SelectField
            label={t('settings.general.locale')}
            name="locale"
            defaultValue={values.locale}
            options={useLocaleOptions()}
            error={form.fieldErrors.locale}
          />
          <SelectField
            label={t('settings.general.timezone')}
            name="timezone"
            defaultValue={values.timezone}
            options={timezones}
            error={form.fieldErrors.timezone}
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
