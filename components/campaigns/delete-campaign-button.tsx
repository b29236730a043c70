'use client';

import { Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { useActionForm } from '@/components/ui/use-action-form';
import { deleteCampaignAction } from '@/lib/actions/campaigns';

/** Drafts only (the verb refuses anything else); the action redirects to the campaign list. */
export function DeleteCampaignButton({ workspaceId, slug, campaignId, name }: { workspaceId: string; slug: string; campaignId: string; name: string }) {
  const t = useTranslations('campaigns.delete');
  const del = useActionForm(deleteCampaignAction, { refresh: false });
  return (
    <ConfirmButton
      variant="secondary"
      label={
        <>
          <Trash2 aria-hidden className="size-4" />
          {t('button')}
        </>
      }
      title={t('title')}
      body={t('body', { name })}
      confirmLabel={t('confirm')}
      pendingLabel={t('deleting')}
      error={del.formError}
      data-testid="delete-campaign"
      onConfirm={async () => {
        const r = await del.run({ workspaceId, campaignId, slug });
        return Boolean(r && !r.serverError && !r.validationErrors);
      }}
    />
  );
}
