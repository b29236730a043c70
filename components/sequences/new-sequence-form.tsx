'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { createSequenceAction } from '@/app/(app)/w/[slug]/sequences/actions';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { SEQUENCE_LIMITS, type SequenceAudience } from '@/lib/db/schema/sequences/constants';
import { SequenceAudiencePicker } from './audience-picker';
import { TemplateOutline } from './template-outline';

/** Name, where the buttons lead, and who it is for; creating opens the builder on the new draft. */
export function NewSequenceForm({
  workspaceId,
  slug,
  initialAudience,
  initialSiteUrl,
  segments,
  inactivityDays,
}: {
  workspaceId: string;
  slug: string;
  initialAudience: SequenceAudience;
  initialSiteUrl: string;
  segments: { id: string; name: string }[];
  inactivityDays: number;
}) {
  const t = useTranslations('sequences.new');
  const router = useRouter();
  const [name, setName] = useState('');
  const [siteUrl, setSiteUrl] = useState(initialSiteUrl);
  const [audience, setAudience] = useState(initialAudience);
  const form = useActionForm(createSequenceAction, {
    refresh: false,
    onSuccess: (data) => router.push(`/w/${slug}/sequences/${(data as { id: string }).id}`),
  });
  const e = form.fieldErrors;
  return (
    <form
      noValidate
      aria-label={t('title')}
      className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]"
      onSubmit={(ev) => {
        ev.preventDefault();
        void form.run({ workspaceId, name, siteUrl, audience });
      }}
    >
      <div className="min-w-0 space-y-6">
        <Card>
          <div className="space-y-4">
            <TextField label={t('name')} placeholder={t('namePlaceholder')} value={name} required maxLength={SEQUENCE_LIMITS.nameLength} onChange={(ev) => setName(ev.target.value)} error={e.name} />
            <TextField
              label={t('siteUrl')}
              hint={t('siteUrlHint')}
              type="url"
              inputMode="url"
              placeholder="https://"
              value={siteUrl}
              required
              onChange={(ev) => setSiteUrl(ev.target.value)}
              error={e.siteUrl}
            />
          </div>
        </Card>
        <Card>
          <SequenceAudiencePicker workspaceId={workspaceId} value={audience} onChange={setAudience} segments={segments} inactivityDays={inactivityDays} errors={e} />
        </Card>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" pending={form.isPending} pendingLabel={t('creating')}>
            {t('create')}
          </Button>
          <div className="min-w-0 flex-1">
            <FormStatus error={form.formError} />
          </div>
        </div>
      </div>
      <aside className="min-w-0">
        <TemplateOutline />
      </aside>
    </form>
  );
}
