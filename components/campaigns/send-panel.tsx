'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { OutboxLink } from '@/components/settings/outbox-link';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { cancelCampaignAction, scheduleCampaignAction, sendTestCampaignAction } from '@/lib/actions/campaigns';
import { smtpFailureKey } from '@/lib/mail/smtp-errors';
import type { AudienceKind, CampaignStatus } from '@/lib/db/schema/campaigns/constants';

function toLocalInput(iso: string) {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface Props {
  workspaceId: string;
  campaignId: string;
  status: CampaignStatus;
  scheduledAt: string | null;
  audienceKind: AudienceKind;
  suggestedAt: string;
  userEmail: string;
  /** Saves pending edits first; resolves false when saving failed. */
  saveFirst: () => Promise<boolean>;
}

export function SendPanel({ workspaceId, campaignId, status, scheduledAt, audienceKind, suggestedAt, userEmail, saveFirst }: Props) {
  const t = useTranslations('campaigns.editor');
  const tSmtp = useTranslations('smtpErrors');
  const format = useFormatter();
  const [when, setWhen] = useState(toLocalInput(scheduledAt ?? suggestedAt));
  const [testResult, setTestResult] = useState<string | null>(null);
  const schedule = useActionForm(scheduleCampaignAction);
  const cancel = useActionForm(cancelCampaignAction);
  const test = useActionForm(sendTestCampaignAction, {
    refresh: false,
    onSuccess: (data) => {
      const d = data as { status: string; transport: string; error?: string };
      setTestResult(d.status === 'failed' ? t('testFailed', { error: tSmtp(smtpFailureKey(d.error)) }) : d.transport === 'outbox' ? t('testOutbox') : t('testSent', { to: userEmail }));
    },
  });
  const base = { workspaceId, campaignId };
  const run = async (fn: () => Promise<unknown>) => {
    if (await saveFirst()) await fn();
  };
  return (
    <Card title={t('send')}>
      <div className="space-y-5">
        <p className="text-sm text-zinc-600">{t('sendTimeHint', { kind: audienceKind })}</p>
        {status === 'scheduled' && scheduledAt ? (
          <p className="text-sm font-medium text-sky-800">{format.dateTime(new Date(scheduledAt), { dateStyle: 'full', timeStyle: 'short' })}</p>
        ) : null}
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            className="basis-full"
            label={t('sendAt')}
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            hint={t('suggested', { date: format.dateTime(new Date(suggestedAt), { weekday: 'long', hour: '2-digit', minute: '2-digit' }) })}
            error={schedule.fieldErrors.sendAt}
          />
          <Button variant="secondary" pending={schedule.isPending} onClick={() => run(() => schedule.run({ ...base, sendAt: new Date(when).toISOString() }))}>
            {t('schedule')}
          </Button>
          <Button
            pending={schedule.isPending}
            pendingLabel={t('scheduling')}
            onClick={() => run(() => schedule.run(base))}
          >
            {t('sendNow')}
          </Button>
        </div>
        <FormStatus error={schedule.formError} success={schedule.succeeded ? t('scheduled') : null} />
        {status === 'scheduled' ? (
          <Button variant="ghost" className="text-red-700" pending={cancel.isPending} onClick={() => cancel.run(base)}>
            {t('cancelSchedule')}
          </Button>
        ) : null}
        <FormStatus error={cancel.formError} />
        <div className="border-t border-zinc-100 pt-4">
          <p className="mb-2 text-sm font-semibold text-zinc-900">{t('testTitle')}</p>
          <Button variant="secondary" pending={test.isPending} onClick={() => run(() => test.run(base))}>
            {t('testSend')} → {userEmail}
          </Button>
          <div className="mt-3">
            <FormStatus error={test.formError} success={testResult} />
            {testResult === t('testOutbox') ? <OutboxLink /> : null}
          </div>
        </div>
      </div>
    </Card>
  );
}
