import { Inbox } from 'lucide-react';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { NoAccess } from '@/components/settings/no-access';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { listOutbox } from '@/lib/mail/outbox';
import { smtpFailureKey } from '@/lib/mail/smtp-errors';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

const STATUS_STYLE = { sent: 'bg-emerald-50 text-emerald-800', queued: 'bg-zinc-100 text-zinc-700', failed: 'bg-red-50 text-red-800' } as const;

export default async function OutboxPage({ params }: SlugParams) {
  const { slug } = await params;
  const { role, ctx } = await getPageContext(slug);
  if (!hasRole(role, 'admin')) return <NoAccess />;
  const t = await getTranslations('settings.outbox');
  const tSmtp = await getTranslations('smtpErrors');
  const format = await getFormatter();
  const rows = await listOutbox(ctx);
  if (rows.length === 0) return <EmptyState icon={Inbox} title={t('title')} body={t('empty')} />;
  return (
    <Card title={t('title')} description={t('description')}>
      <div className="-mx-5 overflow-x-auto sm:-mx-6">
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th scope="col" className="px-5 py-2 font-medium sm:px-6">{t('subject')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('to')}</th>
              <th scope="col" className="px-3 py-2 font-medium">{t('status')}</th>
              <th scope="col" className="px-5 py-2 font-medium sm:px-6">{t('sentAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id} className="border-t border-zinc-100">
                <td className="px-5 py-3 sm:px-6">
                  <Link className="font-medium text-brand-700 hover:underline" href={`/w/${slug}/settings/outbox/${m.id}`}>
                    {m.subject}
                  </Link>
                </td>
                <td className="px-3 py-3 text-zinc-700">{m.toAddress}</td>
                <td className="px-3 py-3">
                  <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[m.status]}`} title={m.error ? tSmtp(smtpFailureKey(m.error)) : undefined}>
                    {t(`statuses.${m.status}`)} · {t(`routes.${m.transport}`)}
                  </span>
                </td>
                <td className="whitespace-nowrap px-5 py-3 text-zinc-500 sm:px-6">{format.dateTime(m.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
