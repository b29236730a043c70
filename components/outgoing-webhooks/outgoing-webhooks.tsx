'use client';

import { Webhook } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { WebhookEvent } from '@/lib/db/schema';
import { EndpointCard } from './endpoint-card';
import { EndpointForm } from './endpoint-form';
import type { EndpointView } from './types';

/** While a delivery is on its way the page looks again every few seconds (the worker sends it). */
const REFRESH_MS = 2000;

export function OutgoingWebhooks({
  workspaceId,
  canManage,
  events,
  endpoints,
}: {
  workspaceId: string;
  canManage: boolean;
  events: WebhookEvent[];
  endpoints: EndpointView[];
}) {
  const t = useTranslations('outgoingWebhooks');
  const router = useRouter();
  const waiting = endpoints.some((e) => e.deliveries.some((d) => d.status === 'pending' && d.attempts === 0));
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [waiting, router]);

  return (
    <>
      <Card title={t('title')} description={t('description')}>
        <div className="space-y-2 text-sm text-zinc-700">
          <p>{t('signingHelp')}</p>
          <p>{t('retryHelp')}</p>
        </div>
        {canManage ? <EndpointForm workspaceId={workspaceId} events={events} /> : null}
      </Card>
      {endpoints.length === 0 ? (
        <EmptyState icon={Webhook} title={t('emptyTitle')} body={canManage ? t('emptyBody') : t('emptyBodyReadOnly')} />
      ) : (
        endpoints.map((e) => <EndpointCard key={e.id} workspaceId={workspaceId} endpoint={e} canManage={canManage} />)
      )}
    </>
  );
}
