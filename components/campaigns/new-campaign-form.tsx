'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { createCampaignAction } from '@/lib/actions/campaigns';
import { AUDIENCE_KINDS, CAMPAIGN_CATEGORIES } from '@/lib/db/schema/campaigns/constants';

export function NewCampaignForm({ workspaceId, slug }: { workspaceId: string; slug: string }) {
  const t = useTranslations('campaigns');
  const router = useRouter();
  const form = useActionForm(createCampaignAction, {
    refresh: false,
    onSuccess: (data) => router.push(`/w/${slug}/campaigns/${(data as { id: string }).id}/edit`),
  });
  return (
    <form
      noValidate
      className="space-y-4"
      aria-label={t('new')}
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        void form.run({
          workspaceId,
          name: fd.get('name'),
          category: fd.get('category'),
          audienceKind: fd.get('audienceKind'),
          subject: '',
          previewText: '',
          blocks: [],
          audience: { type: 'all' },
          abTest: null,
        });
      }}
    >
      <TextField label={t('name')} name="name" required error={form.fieldErrors.name} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('category')}
          name="category"
          hint={t('categoryHint')}
          options={CAMPAIGN_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
          error={form.fieldErrors.category}
        />
        <SelectField label={t('audienceKind')} name="audienceKind" options={AUDIENCE_KINDS.map((k) => ({ value: k, label: k.toUpperCase() }))} />
      </div>
      <FormStatus error={form.formError} />
      <Button type="submit" pending={form.isPending} pendingLabel={t('creating')}>
        {t('create')}
      </Button>
    </form>
  );
}
