'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { createWorkspaceAction } from '@/lib/actions/workspaces';
import { useIndustryOptions, useLocaleOptions } from './options';

export function NewWorkspaceForm() {
  const t = useTranslations();
  const form = useActionForm(createWorkspaceAction, { refresh: false });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4">
      <TextField label={t('settings.general.name')} name="name" required error={form.fieldErrors.name} />
      <SelectField label={t('settings.general.industry')} name="industry" options={useIndustryOptions()} error={form.fieldErrors.industry} />
      <SelectField label={t('settings.general.locale')} name="locale" options={useLocaleOptions()} error={form.fieldErrors.locale} />
      <FormStatus error={form.formError} />
      <Button type="submit" pending={form.isPending} pendingLabel={t('onboarding.creating')}>
        {t('onboarding.create')}
      </Button>
    </form>
  );
}
