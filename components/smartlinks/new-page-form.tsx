'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { createSmartlinkAction } from '@/lib/actions/smartlinks';

/** "New page": a title is enough; the editor opens on the new draft. */
export function NewSmartlinkForm({ workspaceId, slug }: { workspaceId: string; slug: string }) {
  const t = useTranslations('smartlinks.create');
  const router = useRouter();
  const create = useActionForm(createSmartlinkAction, {
    refresh: false,
    onSuccess: (data) => router.push(`/w/${slug}/links/${(data as { id: string }).id}`),
  });
  return (
    <form onSubmit={create.onSubmit} className="flex flex-wrap items-end justify-center gap-3 text-left" data-testid="new-smartlink">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <TextField label={t('label')} name="title" placeholder={t('placeholder')} required maxLength={80} error={create.fieldErrors.title} className="w-72 max-w-full" />
      <Button type="submit" pending={create.isPending} pendingLabel={t('creating')}>
        {t('submit')}
      </Button>
      {create.formError ? (
        <div className="basis-full">
          <FormStatus error={create.formError} />
        </div>
      ) : null}
    </form>
  );
}
