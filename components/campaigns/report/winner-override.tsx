'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { overrideWinnerAction } from '@/lib/actions/campaigns';

export function WinnerOverride({ workspaceId, campaignId, keys, current }: { workspaceId: string; campaignId: string; keys: string[]; current: string | null }) {
  const t = useTranslations('campaigns.reportPage');
  const [key, setKey] = useState(current ?? keys[0]);
  const form = useActionForm(overrideWinnerAction);
  return (
    <div className="mt-4 border-t border-zinc-100 pt-4">
      <p className="mb-2 text-sm font-semibold text-zinc-900">{t('overrideTitle')}</p>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField label={t('overrideLabel')} value={key} onChange={(e) => setKey(e.target.value)} options={keys.map((k) => ({ value: k, label: k }))} />
        <Button variant="secondary" pending={form.isPending} onClick={() => form.run({ workspaceId, campaignId, winnerKey: key })}>
          {t('override')}
        </Button>
      </div>
      <div className="mt-2">
        <FormStatus error={form.formError} success={form.succeeded ? t('overridden', { key }) : null} />
      </div>
    </div>
  );
}
