import { Mail } from 'lucide-react';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/campaigns/status-badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listCampaigns } from '@/lib/campaigns/manage';
import { campaignStatus, isEditable } from '@/lib/campaigns/status';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function CampaignsPage({ params }: SlugParams) {
  const { slug } = await params;
  const { ctx, role, workspace } = await getPageContext(slug);
  const t = await getTranslations('campaigns');
  const format = await getFormatter();
  const rows = await listCampaigns(ctx);
  const canWrite = hasRole(role, 'member');
  const newButton = canWrite ? (
    <Link href={`/w/${slug}/campaigns/new`} className={buttonClass('primary')}>
      {t('new')}
    </Link>
  ) : null;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={rows.length ? newButton : null} />
      {rows.length === 0 ? (
        <EmptyState icon={Mail} title={t('empty.title')} body={t('empty.body')}>
          {newButton}
        </EmptyState>
      ) : (
        <Card>
          <div className="-mx-5 -my-5 overflow-x-auto sm:-mx-6">
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
                <tr>
                  <th scope="col" className="px-5 py-3 font-medium sm:px-6">{t('name')}</th>
                  <th scope="col" className="px-3 py-3 font-medium">{t('status')}</th>
                  <th scope="col" className="px-3 py-3 font-medium">{t('category')}</th>
                  <th scope="col" className="px-5 py-3 font-medium sm:px-6">{t('updated')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => {
                  const status = campaignStatus(c);
                  const editable = isEditable(status);
                  return (
                    <tr key={c.id} className="border-t border-zinc-100">
                      <td className="px-5 py-3 sm:px-6">
                        <Link className="font-medium text-brand-700 hover:underline" href={`/w/${slug}/campaigns/${c.id}${editable ? '/edit' : ''}`}>
                          {c.name}
                        </Link>
                        <p className="text-zinc-500">{c.subject || '—'}</p>
                      </td>
                      <td className="px-3 py-3">
                        <StatusBadge status={status} />
                        {status === 'scheduled' && c.scheduledAt ? (
                          <p className="mt-1 text-xs text-zinc-500">{t('scheduledFor', { date: format.dateTime(c.scheduledAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: workspace.timezone }) })}</p>
                        ) : null}
                      </td>
                      <td className="px-3 py-3 text-zinc-700">{t(`categories.${c.category}`)}</td>
                      <td className="whitespace-nowrap px-5 py-3 text-zinc-500 sm:px-6">{format.dateTime(c.updatedAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
