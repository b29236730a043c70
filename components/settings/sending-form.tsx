'use client';

import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { OutboxLink } from './outbox-link';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CheckboxField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { sendTestEmailAction, updateSendingAction } from '@/lib/actions/workspaces';
import { smtpFailureKey } from '@/lib/mail/smtp-errors';

export interface SendingValues {
  fromName: string | null;
  fromEmail: string | null;
  replyTo: string | null;
  smtpHost: string | null;
  smtpPort: number | null;
  smtpSecure: boolean;
  smtpUser: string | null;
  hasPassword: boolean;
}

export function SendingForm({ workspaceId, values, route, userEmail }: { workspaceId: string; values: SendingValues; route: 'workspace' | 'server' | 'outbox'; userEmail: string }) {
  const t = useTranslations();
  const form = useActionForm(updateSendingAction);
  const e = form.fieldErrors;
  return (
    <>
      <Card title={t('settings.sending.title')} description={t('settings.sending.description')}>
        <form onSubmit={form.onSubmit} noValidate className="space-y-6" aria-label={t('settings.sending.title')}>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-2 text-sm font-semibold text-zinc-900">{t('settings.sending.identity')}</legend>
            <TextField label={t('settings.sending.fromName')} name="fromName" defaultValue={values.fromName ?? ''} optional={t('common.optional')} error={e.fromName} />
            <TextField label={t('settings.sending.fromEmail')} name="fromEmail" type="email" defaultValue={values.fromEmail ?? ''} optional={t('common.optional')} error={e.fromEmail} />
            <TextField label={t('settings.sending.replyTo')} name="replyTo" type="email" defaultValue={values.replyTo ?? ''} optional={t('common.optional')} error={e.replyTo} />
          </fieldset>
          <fieldset className="grid gap-4 sm:grid-cols-2">
            <legend className="mb-1 text-sm font-semibold text-zinc-900">{t('settings.sending.smtp')}</legend>
            <p className="text-xs text-zinc-500 sm:col-span-2">{t('settings.sending.smtpHelp')}</p>
            <TextField label={t('settings.sending.host')} name="smtpHost" defaultValue={values.smtpHost ?? ''} placeholder="smtp.example.com" error={e.smtpHost} />
            <TextField label={t('settings.sending.port')} name="smtpPort" inputMode="numeric" defaultValue={values.smtpPort ?? ''} placeholder="587" error={e.smtpPort} />
            <TextField label={t('settings.sending.user')} name="smtpUser" autoComplete="off" defaultValue={values.smtpUser ?? ''} error={e.smtpUser} />
            <TextField
              label={t('settings.sending.password')}
              name="smtpPassword"
              type="password"
              autoComplete="new-password"
              hint={values.hasPassword ? t('settings.sending.passwordSet') : undefined}
              error={e.smtpPassword}
            />
            <CheckboxField label={t('settings.sending.secure')} name="smtpSecure" defaultChecked={values.smtpSecure} />
            {values.hasPassword ? <CheckboxField label={t('settings.sending.clearPassword')} name="clearPassword" /> : null}
          </fieldset>
          <FormStatus error={form.formError} success={form.succeeded ? t('common.saved') : null} />
          <Button type="submit" pending={form.isPending} pendingLabel={t('common.saving')}>
            {t('common.save')}
          </Button>
        </form>
      </Card>
      <Card
        title={t('settings.sending.testTitle')}
        description={`${t('settings.sending.testHelp')} ${t('settings.sending.currentRoute', {
          route: t(`settings.sending.route${route === 'workspace' ? 'Workspace' : route === 'server' ? 'Server' : 'Outbox'}`),
        })}`}
      >
        <TestEmailForm workspaceId={workspaceId} userEmail={userEmail} />
      </Card>
    </>
  );
}

function TestEmailForm({ workspaceId, userEmail }: { workspaceId: string; userEmail: string }) {
  const t = useTranslations('settings.sending');
  const tSmtp = useTranslations('smtpErrors');
  const [outcome, setOutcome] = useState<ReactNode>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useActionForm(sendTestEmailAction, {
    refresh: false,
    onSuccess: (data) => {
      const d = data as { status: string; transport: string; error?: string };
      if (d.status === 'failed') {
        setOutcome(null);
        setFailure(t('testFailed', { error: tSmtp(smtpFailureKey(d.error)) }));
      } else {
        setFailure(null);
        setOutcome(
          d.transport === 'outbox' ? (
            <>
              {t('testOutbox')} <OutboxLink />
            </>
          ) : (
            t('testSent')
          ),
        );
      }
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <TextField label={t('testTo')} name="to" type="email" defaultValue={userEmail} error={form.fieldErrors.to} />
      {/* Down by the label's height, less half the button's extra height: centred on the box. */}
      <Button type="submit" variant="secondary" className="whitespace-nowrap sm:mt-6" pending={form.isPending} pendingLabel={t('testSending')}>
        {t('testSend')}
      </Button>
      <div className="sm:col-span-2">
        <FormStatus error={form.formError ?? failure} success={outcome} />
      </div>
    </form>
  );
}
