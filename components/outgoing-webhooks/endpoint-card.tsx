'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import {
  deleteWebhookEndpointAction,
  revealWebhookSecretAction,
  rotateWebhookSecretAction,
  sendWebhookTestAction,
  setWebhookEndpointActiveAction,
} from '@/lib/actions/outgoing-webhooks';
import { DeliveryLog } from './delivery-log';
import type { EndpointView } from './types';

const code = 'block w-full break-all rounded-lg bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-900 ring-1 ring-inset ring-zinc-200';

export function EndpointCard({ workspaceId, endpoint, canManage }: { workspaceId: string; endpoint: EndpointView; canManage: boolean }) {
  const t = useTranslations('outgoingWebhooks');
  const extra = { workspaceId, endpointId: endpoint.id };
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const onSecret = (data: unknown) => setSecret((data as { secret?: string } | undefined)?.secret ?? null);
  const test = useActionForm(sendWebhookTestAction, { extra, onSuccess: () => setNotice(t('testQueued')) });
  const toggle = useActionForm(setWebhookEndpointActiveAction, { extra: { ...extra, active: !endpoint.active }, onSuccess: () => setNotice(null) });
  const reveal = useActionForm(revealWebhookSecretAction, { extra, onSuccess: onSecret, refresh: false });
  const rotate = useActionForm(rotateWebhookSecretAction, { extra, onSuccess: (d) => { onSecret(d); setNotice(t('rotated')); } });
  const remove = useActionForm(deleteWebhookEndpointAction, { extra });
  const error = test.formError ?? toggle.formError ?? reveal.formError ?? rotate.formError ?? null;

  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          <span className="break-all" data-testid="webhook-endpoint-url">
            {endpoint.url}
          </span>
          <Badge tone={endpoint.active ? 'success' : 'neutral'}>{endpoint.active ? t('active') : t('disabled')}</Badge>
        </span>
      }
      description={endpoint.description ?? undefined}
    >
      <div className="space-y-5" data-testid="webhook-endpoint">
        <div>
          <h3 className="text-sm font-medium text-zinc-800">{t('subscribed')}</h3>
          <ul className="mt-1 flex flex-wrap gap-1.5">
            {endpoint.events.map((e) => (
              <li key={e}>
                <Badge shape="tag" title={t(`event.${e.replace('.', '_')}`)}>
                  {e}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
        {canManage ? (
          <div className="space-y-3">
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" pending={test.isPending} pendingLabel={t('sendingTest')} disabled={!endpoint.active} onClick={() => test.run({})}>
                {t('sendTest')}
              </Button>
              <Button variant="secondary" pending={toggle.isPending} onClick={() => toggle.run({})}>
                {endpoint.active ? t('disable') : t('enable')}
              </Button>
              {secret === null ? (
                <Button variant="secondary" pending={reveal.isPending} onClick={() => reveal.run({})}>
                  {t('revealSecret')}
                </Button>
              ) : (
                <Button variant="ghost" onClick={() => setSecret(null)}>
                  {t('hideSecret')}
                </Button>
              )}
              <ConfirmButton
                variant="secondary"
                label={t('rotateSecret')}
                title={t('rotateTitle')}
                body={t('rotateBody')}
                confirmLabel={t('rotateConfirm')}
                error={rotate.formError}
                onConfirm={async () => {
                  const r = await rotate.run({});
                  return Boolean(r && !r.serverError && !r.validationErrors);
                }}
              />
              <ConfirmButton
                label={t('delete')}
                title={t('deleteTitle')}
                body={t('deleteBody', { url: endpoint.url })}
                confirmLabel={t('deleteConfirm')}
                error={remove.formError}
                onConfirm={async () => {
                  const r = await remove.run({});
                  return Boolean(r && !r.serverError && !r.validationErrors);
                }}
              />
            </div>
            {secret !== null ? (
              <div className="space-y-1">
                <p className="text-sm font-medium text-zinc-800">{t('secret')}</p>
                <code className={code} data-testid="webhook-signing-secret">
                  {secret}
                </code>
                <p className="text-xs text-zinc-500">{t('secretHelp')}</p>
              </div>
            ) : null}
            <FormStatus error={error} success={notice} />
          </div>
        ) : null}
        <DeliveryLog workspaceId={workspaceId} deliveries={endpoint.deliveries} canManage={canManage} />
      </div>
    </Card>
  );
}
