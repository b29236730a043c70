'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { changePasswordAction } from '@/lib/actions/account';

export function ChangePasswordForm() {
  const t = useTranslations('account.password');
  const form = useActionForm(changePasswordAction, { reset: true });
  return (
    <Card title={t('title')} description={t('description')}>
      <form onSubmit={form.onSubmit} noValidate className="max-w-md space-y-4" aria-label={t('title')}>
        <TextField
          label={t('current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={form.fieldErrors.currentPassword}
        />
        <TextField
          label={t('new')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t('newHint')}
          required
          error={form.fieldErrors.newPassword}
        />
        <TextField
          label={t('confirm')}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={form.fieldErrors.confirmPassword}
        />
        <FormStatus error={form.formError} success={form.succeeded ? t('changed') : null} />
        <Button type="submit" pending={form.isPending} pendingLabel={t('saving')}>
          {t('submit')}
        </Button>
      </form>
    </Card>
  );
}
