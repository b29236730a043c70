import { Inbox } from 'lucide-react';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { NoAccess } from '@/components/settings/no-access';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { listOutbox } from '@/lib/mail/outbox';
import { smtpFailureKey } from '@/lib/mail/smtp-errors';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

const STATUS_TONE = { sent: 'success', queued: 'neutral', failed: 'danger' } as const;

export default async function OutboxPage({ params }: SlugParams) {
  const { slug } = await params;
  const { role, ctx } = await getPageContext(slug);
  if (!hasRole(role, 'admin')) return <NoAccess />;
  const t = await getTranslations('settings.outbox');
  const tSmtp = await getTranslations('smtpErrors');
  const format = await getFormatter();
  const rows = await listOutbox(ctx);
  if (rows.length === 0) return <EmptyState icon={Inbox} title={t('title')} body={`${t('empty')} ${t('description')}`} />;
  return (
    <Card title={t('title')} description={t('description')}>
      <Table label={t('tableCaption')} layout="stack" flush data-testid="outbox-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t('subject')}</TableHead>
            <TableHead>{t('to')}</TableHead>
            <TableHead>{t('status')}</TableHead>
            <TableHead>{t('sentAt')}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((m) => (
            <TableRow key={m.id}>
              <TableRowHeader>
                <Link className="font-medium text-brand-700 hover:underline" href={`/w/${slug}/settings/outbox/${m.id}`}>
                  {m.subject}
                </Link>
              </TableRowHeader>
              <TableCell label={t('to')} className="break-all">
                {m.toAddress}
              </TableCell>
              <TableCell label={t('status')}>
                <Badge tone={STATUS_TONE[m.status]} title={m.error ? tSmtp(smtpFailureKey(m.error)) : undefined}>
                  {t(`statuses.${m.status}`)} · {t(`routes.${m.transport}`)}
                </Badge>
              </TableCell>
              <TableCell label={t('sentAt')} className="whitespace-nowrap text-zinc-500">
                {format.dateTime(m.createdAt, 'dateTime')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
