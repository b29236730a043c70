'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { updateInactivityAction } from '@/lib/actions/workspaces';
import { ACTIVITY_SIGNALS, type ActivitySignalKind } from '@/lib/db/schema/sequences/constants';

/** Signals that only arrive through the API (nothing in Pulse itself records them). */
const VIA_API: readonly ActivitySignalKind[] = ['reply', 'visit', 'appUse'];

export function InactivityForm({
  workspaceId,
  canEdit,
  inactivityDays,
  signals,
  industryLabel,
  industryDays,
}: {
  workspaceId: string;
  canEdit: boolean;
  inactivityDays: number;
  signals: readonly ActivitySignalKind[];
  industryLabel: string;
  industryDays: number;
}) {
  const t = useTranslations('settings.inactivity');
  const common = useTranslations('common');
  const form = useActionForm(updateInactivityAction);
  const id = useId();
  const signalsError = form.fieldErrors.signals;
  return (
    <Card title={t('title')} description={t('description')}>
      <form onSubmit={form.onSubmit} noValidate className="space-y-6" aria-label={t('title')}>
        <input type="hidden" name="workspaceId" value={workspaceId} />
        <fieldset disabled={!canEdit} className="space-y-6">
          <TextField
            label={t('days')}
            name="inactivityDays"
            inputMode="numeric"
            className="max-w-xs"
            defaultValue={inactivityDays}
            hint={t('daysHint', { industry: industryLabel, days: industryDays })}
            error={form.fieldErrors.inactivityDays}
          />
          <fieldset aria-describedby={signalsError ? `${id}-signals-error` : undefined}>
            <legend className="text-sm font-medium text-zinc-800">{t('signals')}</legend>
            <p className="mt-1 text-xs text-zinc-500">{t('signalsHint')}</p>
            <ul className="mt-3 divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
              {ACTIVITY_SIGNALS.map((s) => (
                <li key={s} className="flex items-start gap-3 px-3 py-2.5">
                  <input
                    id={`${id}-${s}`}
                    type="checkbox"
                    name={`signals.${s}`}
                    defaultChecked={signals.includes(s)}
                    aria-describedby={`${id}-${s}-hint`}
                    className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 text-brand-600"
                  />
                  <div className="min-w-0">
                    <label htmlFor={`${id}-${s}`} className="text-sm font-medium text-zinc-900">
                      {t(`signal.${s}.label`)}
                      {VIA_API.includes(s) ? <span className="ml-2 rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-normal text-zinc-600">{t('viaApi')}</span> : null}
                    </label>
                    <p id={`${id}-${s}-hint`} className="text-xs text-zinc-600">
                      {t(`signal.${s}.hint`)}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
            {signalsError ? (
              <p id={`${id}-signals-error`} className="mt-1 text-sm text-red-700">
                {signalsError}
              </p>
            ) : null}
          </fieldset>
          <Alert tone="info">{t('machineOpens')}</Alert>
        </fieldset>
        <FormStatus error={form.formError} success={form.succeeded ? common('saved') : null} />
        <Button type="submit" disabled={!canEdit} pending={form.isPending} pendingLabel={common('saving')}>
          {common('save')}
        </Button>
      </form>
    </Card>
  );
}
