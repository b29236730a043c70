'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormStatus } from '@/components/ui/form-status';
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { useActionForm } from '@/components/ui/use-action-form';
import { retryWebhookDeliveryAction } from '@/lib/actions/outgoing-webhooks';
import type { DeliveryView } from './types';

const TONE = { pending: 'info', succeeded: 'success', failed: 'danger' } as const;

function RetryButton({ workspaceId, deliveryId }: { workspaceId: string; deliveryId: number }) {
  const t = useTranslations('outgoingWebhooks');
  const retry = useActionForm(retryWebhookDeliveryAction, { extra: { workspaceId, deliveryId } });
  return (
    <div className="space-y-2">
      <Button variant="secondary" className="min-h-8 px-3 py-1 text-xs" pending={retry.isPending} onClick={() => retry.run({})}>
        {t('retryNow')}
      </Button>
      <FormStatus error={retry.formError} />
    </div>
  );
}

/** The newest deliveries of one endpoint: what was sent, when, and what the receiver answered. */
export function DeliveryLog({ workspaceId, deliveries, canManage }: { workspaceId: string; deliveries: DeliveryView[]; canManage: boolean }) {
  const t = useTranslations('outgoingWebhooks');
  const format = useFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div>
      <h3 className="text-sm font-medium text-zinc-800">{t('log')}</h3>
      <Table label={t('log')} layout="stack" className="mt-2" data-testid="webhook-delivery-log">
        <TableHeader>
          <tr>
            <TableHead>{t('logEvent')}</TableHead>
            <TableHead>{t('logTime')}</TableHead>
            <TableHead>{t('logStatus')}</TableHead>
            <TableHead align="right">{t('logAttempts')}</TableHead>
            <TableHead>{t('logResponse')}</TableHead>
            <TableHead>{t('logNextRetry')}</TableHead>
            <TableHead hideLabel>{t('logActions')}</TableHead>
          </tr>
        </TableHeader>
        <TableBody>
          {deliveries.length === 0 ? (
            <TableEmpty colSpan={7}>{t('logEmpty')}</TableEmpty>
          ) : (
            deliveries.map((d) => (
              <TableRow key={d.id} data-testid="webhook-delivery">
                <TableRowHeader>
                  <code className="font-mono text-xs">{d.event}</code>
                  <details className="mt-1 font-normal">
                    <summary className="cursor-pointer text-xs text-brand-700">{t('logBody')}</summary>
                    <pre className="mt-1 max-h-64 max-w-[min(36rem,80vw)] overflow-auto rounded bg-zinc-50 p-2 text-xs text-zinc-800 ring-1 ring-zinc-200" tabIndex={0}>
                      {d.body}
                    </pre>
                  </details>
                </TableRowHeader>
                <TableCell label={t('logTime')} className="whitespace-nowrap">
                  {when(d.createdAt)}
                </TableCell>
                <TableCell label={t('logStatus')}>
                  <Badge tone={TONE[d.status]}>{t(`status.${d.status}`)}</Badge>
                </TableCell>
                <TableCell label={t('logAttempts')} align="right">
                  {d.attempts}
                </TableCell>
                <TableCell label={t('logResponse')} className="max-w-xs break-words">
                  {d.lastStatusCode !== null ? <span className="font-mono">HTTP {d.lastStatusCode}</span> : null}
                  {d.lastError && !(d.lastStatusCode !== null && d.lastError.startsWith('HTTP')) ? <span className="block text-xs text-red-800">{d.lastError}</span> : null}
                  {d.lastStatusCode === null && !d.lastError ? <span className="text-zinc-500">{t('noResponse')}</span> : null}
                </TableCell>
                <TableCell label={t('logNextRetry')} className="whitespace-nowrap">
                  {d.status === 'pending' && d.nextAttemptAt && d.attempts > 0 ? when(d.nextAttemptAt) : <span className="text-zinc-500">{t('none')}</span>}
                </TableCell>
                <TableCell label={t('logActions')}>
                  {canManage && (d.status === 'failed' || (d.status === 'pending' && d.attempts > 0)) ? <RetryButton workspaceId={workspaceId} deliveryId={d.id} /> : null}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
