import { ReadOnlyNotice } from '@/components/settings/read-only-notice';
import { OutgoingWebhooks } from '@/components/outgoing-webhooks/outgoing-webhooks';
import { WEBHOOK_EVENTS } from '@/lib/db/schema';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/lib/webhooks/outgoing/endpoints';

/** Settings → Outgoing webhooks: everyone reads endpoints and their delivery log; owners and admins manage. */
export default async function OutgoingWebhooksPage({ params }: SlugParams) {
  const { workspace, role, ctx } = await getPageContext((await params).slug);
  const canManage = hasRole(role, 'admin');
  const endpoints = await listWebhookEndpoints(ctx);
  const deliveries = await Promise.all(endpoints.map((e) => listWebhookDeliveries(ctx, e.id)));
  return (
    <>
      {canManage ? null : <ReadOnlyNotice role={role} />}
      <OutgoingWebhooks
        workspaceId={workspace.id}
        canManage={canManage}
        events={[...WEBHOOK_EVENTS]}
        endpoints={endpoints.map((e, i) => ({
          ...e,
          deliveries: deliveries[i].map((d) => ({
            id: d.id,
            event: d.event,
            isTest: d.isTest,
            status: d.status,
            attempts: d.attempts,
            lastStatusCode: d.lastStatusCode,
            lastError: d.lastError,
            nextAttemptAt: d.nextAttemptAt,
            deliveredAt: d.deliveredAt,
            createdAt: d.createdAt,
            body: JSON.stringify(d.payload, null, 2),
          })),
        }))}
      />
    </>
  );
}
