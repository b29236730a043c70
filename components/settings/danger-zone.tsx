'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { deleteWorkspaceAction } from '@/lib/actions/workspaces';

export function DangerZone({ workspaceId, name }: { workspaceId: string; name: string }) {
  const t = useTranslations('settings.danger');
  const [typed, setTyped] = useState('');
  const form = useActionForm(deleteWorkspaceAction, { refresh: false });
  return (
    <Card tone="danger" title={t('title')} description={t('description')}>
      <form onSubmit={form.onSubmit} noValidate className="space-y-4">
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <TextField
          label={t('confirmLabel', { name })}
          name="confirmName"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={form.fieldErrors.confirmName}
        />
        <FormStatus error={form.formError} />
        <Button type="submit" variant="danger" disabled={typed.trim() !== name} pending={form.isPending} pendingLabel={t('deleting')}>
          {t('delete')}
        </Button>
      </form>
    </Card>
  );
}
