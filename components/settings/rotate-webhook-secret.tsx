'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { rotateWebhookSecretAction } from '@/lib/actions/workspaces';

/** Rotates the webhook secret after a confirming second click; the page then shows the new one. */
export function RotateWebhookSecret({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations('settings.webhooks');
  const [confirming, setConfirming] = useState(false);
  const form = useActionForm(rotateWebhookSecretAction, { onSuccess: () => setConfirming(false) });
  return (
    <form onSubmit={form.onSubmit} noValidate className="mt-6 space-y-3 border-t border-zinc-100 pt-4">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <p className="text-xs text-zinc-600">{t('rotateHelp')}</p>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" variant="secondary" pending={form.isPending} pendingLabel={t('rotating')}>
            {t('rotateConfirm')}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
            {t('rotateCancel')}
          </Button>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
          {t('rotate')}
        </Button>
      )}
      <FormStatus error={form.formError} success={form.succeeded ? t('rotated') : null} />
    </form>
  );
}
