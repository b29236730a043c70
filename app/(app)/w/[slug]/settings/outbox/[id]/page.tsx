import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { NoAccess } from '@/components/settings/no-access';
import { Card } from '@/components/ui/card';
import { getOutboxMessage } from '@/lib/mail/outbox';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

const MAIL_CSP = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'; form-action 'none'">`;

export default async function OutboxMessagePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { role, ctx } = await getPageContext(slug);
  if (!hasRole(role, 'admin')) return <NoAccess />;
  const t = await getTranslations();
  const message = await orNotFound(getOutboxMessage(ctx, id));
  return (
    <Card
      title={message.subject}
      description={`${t('settings.outbox.to')}: ${message.toAddress} · ${message.fromAddress}`}
      footer={
        <Link href={`/w/${slug}/settings/outbox`} className="text-sm font-medium text-brand-700 hover:underline">
          ← {t('common.back')}
        </Link>
      }
    >
      {message.masked ? (
        <p className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200" role="status" data-testid="mail-masked">
          {t('settings.outbox.masked', { to: message.toAddress })}
        </p>
      ) : (
        <>
          {/* Mail HTML is rendered in a sandbox without scripts (and a CSP that forbids them), so nothing in a mail can act on Pulse. */}
          <iframe
            title={t('settings.outbox.preview', { subject: message.subject })}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={message.html.replace('<head>', `<head>${MAIL_CSP}<base target="_blank">`)}
            className="h-[28rem] w-full rounded-lg ring-1 ring-zinc-200"
          />
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium text-zinc-700">{t('settings.outbox.plainText')}</summary>
            <pre className="mt-2 whitespace-pre-wrap rounded-lg bg-zinc-50 p-4 text-xs text-zinc-800" data-testid="mail-text">
              {message.text}
            </pre>
          </details>
        </>
      )}
    </Card>
  );
}
