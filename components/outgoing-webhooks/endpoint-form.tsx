'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { createWebhookEndpointAction } from '@/lib/actions/outgoing-webhooks';
import type { WebhookEvent } from '@/lib/db/schema';

/** Adds an endpoint: URL, the events it wants (one sentence each), a description. */
export function EndpointForm({ workspaceId, events }: { workspaceId: string; events: WebhookEvent[] }) {
  const t = useTranslations('outgoingWebhooks');
  const form = useActionForm(createWebhookEndpointAction, { reset: true });
  return (
    <form onSubmit={form.onSubmit} noValidate className="mt-6 space-y-4 border-t border-zinc-100 pt-5" data-testid="webhook-endpoint-form">
      <h3 className="text-sm font-semibold text-zinc-900">{t('addTitle')}</h3>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <TextField
        label={t('url')}
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        placeholder="https://example.com/webhooks/pulse"
        hint={t('urlHint')}
        error={form.fieldErrors.url}
        required
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-800">{t('events')}</legend>
        {events.map((event, i) => (
          <label key={event} className="flex items-start gap-2 text-sm text-zinc-800">
            <input type="checkbox" name={`events.${i}`} value={event} className="mt-0.5 size-4 rounded border-zinc-300 text-brand-600" />
            <span>
              <code className="font-mono text-xs text-zinc-900">{event}</code>
              <span className="block text-zinc-600">{t(`event.${event.replace('.', '_')}`)}</span>
            </span>
          </label>
        ))}
        {form.fieldErrors.events ? <p className="text-sm text-red-700">{form.fieldErrors.events}</p> : null}
      </fieldset>
      <TextField label={t('descriptionLabel')} name="description" optional={t('optional')} maxLength={200} error={form.fieldErrors.description} />
      <FormStatus error={form.formError} success={form.succeeded ? t('added') : null} />
      <Button type="submit" pending={form.isPending} pendingLabel={t('adding')}>
        {t('add')}
      </Button>
    </form>
  );
}
