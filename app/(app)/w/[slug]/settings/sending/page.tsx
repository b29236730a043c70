import { NoAccess } from '@/components/settings/no-access';
import { SendingForm } from '@/components/settings/sending-form';
import { WebhookInfo } from '@/components/settings/webhook-info';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';
import { getSendingSettings } from '@/lib/workspaces/sending';

export default async function SendingSettingsPage({ params }: SlugParams) {
  const { workspace, role, ctx, user } = await getPageContext((await params).slug);
  if (!hasRole(role, 'admin')) return <NoAccess />;
  const s = await getSendingSettings(ctx);
  const route = s?.smtpHost ? 'workspace' : process.env.SMTP_URL ? 'server' : 'outbox';
  return (
    <>
      <SendingForm
        workspaceId={workspace.id}
        route={route}
        userEmail={user.email}
        values={{
          fromName: s?.fromName ?? null,
          fromEmail: s?.fromEmail ?? null,
          replyTo: s?.replyTo ?? null,
          smtpHost: s?.smtpHost ?? null,
          smtpPort: s?.smtpPort ?? null,
          smtpSecure: s?.smtpSecure ?? false,
          smtpUser: s?.smtpUser ?? null,
          hasPassword: s?.hasPassword ?? false,
        }}
      />
      <WebhookInfo ctx={ctx} />
    </>
  );
}
