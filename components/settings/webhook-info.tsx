import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { baseUrl } from '@/lib/http/base-url';
import { getWebhookSecret } from '@/lib/webhooks/secret';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { RotateWebhookSecret } from './rotate-webhook-secret';

const code = 'block w-full break-all rounded-lg bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-900 ring-1 ring-inset ring-zinc-200';

/** Admin-only (getWebhookSecret checks the role): where an ESP posts bounces and complaints, and its secret. */
export async function WebhookInfo({ ctx }: { ctx: WorkspaceCtx }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const url = `${await baseUrl()}/api/v1/webhooks/esp/${ctx.workspaceId}`;
  const { secret, previousValidUntil } = await getWebhookSecret(ctx);
  return (
    <Card title={t('settings.webhooks.title')} description={t('settings.webhooks.description')}>
      <dl className="space-y-4 text-sm">
        <div className="space-y-1.5">
          <dt className="font-medium text-zinc-800">{t('settings.webhooks.url')}</dt>
          <dd>
            <code className={code}>{url}</code>
          </dd>
        </div>
        <div className="space-y-1.5">
          <dt className="font-medium text-zinc-800">{t('settings.webhooks.secret')}</dt>
          <dd>
            <code className={code} data-testid="webhook-secret">
              {secret}
            </code>
            <p className="mt-1 text-xs text-zinc-500">{t('settings.webhooks.secretHelp')}</p>
            {previousValidUntil ? (
              <p className="mt-1 text-xs text-amber-800">
                {t('settings.webhooks.previousValid', { until: format.dateTime(previousValidUntil, { dateStyle: 'medium', timeStyle: 'short' }) })}
              </p>
            ) : null}
          </dd>
        </div>
        <div className="space-y-1.5">
          <dt className="font-medium text-zinc-800">{t('settings.webhooks.urlWithSecret')}</dt>
          <dd>
            <code className={code}>{`${url}?provider=sendgrid&secret=${secret}`}</code>
            <p className="mt-1 text-xs text-zinc-500">{t('settings.webhooks.formats')}</p>
          </dd>
        </div>
      </dl>
      <RotateWebhookSecret workspaceId={ctx.workspaceId} />
    </Card>
  );
}
