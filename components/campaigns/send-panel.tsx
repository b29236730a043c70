'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { OutboxLink } from '@/components/settings/outbox-link';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { cancelCampaignAction, countCampaignRecipientsAction, scheduleCampaignAction, sendTestCampaignAction } from '@/lib/actions/campaigns';
import { utcToWallTime } from '@/lib/campaigns/zoned-time';
import { smtpFailureKey } from '@/lib/mail/smtp-errors';
import type { AudienceKind, CampaignStatus } from '@/lib/db/schema/campaigns/constants';
import { SendNowDialog } from './send-now-dialog';

interface Props {
  workspaceId: string;
  campaignId: string;
  status: CampaignStatus;
  scheduledAt: string | null;
  audienceKind: AudienceKind;
  suggestedAt: string;
  /** The workspace's IANA zone: the schedule field is a time on its clock, whatever the browser's. */
  timeZone: string;
  userEmail: string;
  /** Saves pending edits first; resolves false when saving failed. */
  saveFirst: () => Promise<boolean>;
  /** Bumped when the user saves the draft: old "add a subject" errors are then stale. */
  savedCount: number;
}

export function SendPanel({ workspaceId, campaignId, status, scheduledAt, audienceKind, suggestedAt, timeZone, userEmail, saveFirst, savedCount }: Props) {
  const t = useTranslations('campaigns.editor');
  const tSmtp = useTranslations('smtpErrors');
  const format = useFormatter();
  const router = useRouter();
  const pathname = usePathname();
  const [when, setWhen] = useState(utcToWallTime(new Date(scheduledAt ?? suggestedAt), timeZone));
  const [testResult, setTestResult] = useState<string | null>(null);
  const [confirmCount, setConfirmCount] = useState<number | null>(null);
  const schedule = useActionForm(scheduleCampaignAction);
  // Sent off: the report is where its status lives from now on (it refreshes itself while sending).
  const sendNow = useActionForm(scheduleCampaignAction, { refresh: false, onSuccess: () => router.push(pathname.replace(/\/edit$/, '')) });
  const count = useActionForm(countCampaignRecipientsAction, {
    refresh: false,
    onSuccess: (data) => setConfirmCount((data as { recipients: number }).recipients),
  });
  const cancel = useActionForm(cancelCampaignAction);
  const test = useActionForm(sendTestCampaignAction, {
    refresh: false,
    onSuccess: (data) => {
      const d = data as { status: string; transport: string; error?: string };
      setTestResult(d.status === 'failed' ? t('testFailed', { error: tSmtp(smtpFailureKey(d.error)) }) : d.transport === 'outbox' ? t('testOutbox') : t('testSent', { to: userEmail }));
    },
  });
  const base = { workspaceId, campaignId };
  // One outcome at a time: a new attempt (or a successful save) clears what the last one said,
  // so a fixed subject never leaves "Add a subject" behind, here and under the test button.
  const forms = [schedule, sendNow, count, cancel, test];
  const resetAll = () => {
    for (const f of forms) f.reset();
    setTestResult(null);
  };
  const resetOnSave = forms.map((f) => f.reset);
  useEffect(() => {
    for (const reset of resetOnSave) reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new save should clear
  }, [savedCount]);
  const run = async (fn: () => Promise<unknown>) => {
    resetAll();
    if (await saveFirst()) await fn();
  };
  return (
    <Card title={t('send')}>
      <div className="space-y-5">
        <p className="text-sm text-zinc-600">{t('sendTimeHint', { kind: audienceKind })}</p>
        {status === 'scheduled' && scheduledAt ? (
          <p className="text-sm font-medium text-sky-800">
            {t('scheduledAt', { date: format.dateTime(new Date(scheduledAt), { dateStyle: 'full', timeStyle: 'short', timeZone }), zone: timeZone })}
          </p>
        ) : null}
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            className="basis-full"
            label={t('sendAtZone', { zone: timeZone })}
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            hint={t('suggested', { date: format.dateTime(new Date(suggestedAt), { weekday: 'long', hour: '2-digit', minute: '2-digit', timeZone }), zone: timeZone })}
            error={schedule.fieldErrors.sendAtLocal}
          />
          <Button variant="secondary" pending={schedule.isPending} onClick={() => run(() => schedule.run({ ...base, sendAtLocal: when }))}>
            {t('schedule')}
          </Button>
          <Button pending={count.isPending || sendNow.isPending} onClick={() => run(() => count.run(base))}>
            {t('sendNow')}
          </Button>
        </div>
        <FormStatus error={schedule.formError ?? count.formError ?? sendNow.formError} success={schedule.succeeded ? t('scheduled') : null} />
        <SendNowDialog
          count={confirmCount}
          pending={sendNow.isPending}
          onClose={() => setConfirmCount(null)}
          onConfirm={async () => {
            await sendNow.run(base);
            setConfirmCount(null);
          }}
        />
        {status === 'scheduled' ? (
          <Button
            variant="ghost"
            className="text-red-700"
            pending={cancel.isPending}
            onClick={() => {
              resetAll();
              void cancel.run(base);
            }}
          >
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
