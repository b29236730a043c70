import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { buttonClass } from '@/components/ui/button';
import { listCampaignRecipients, RECIPIENT_FILTERS, type RecipientFilter } from '@/lib/reports/recipients';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

const SHOWN = 50;

/** The report's drill-down: who opened or clicked, with the full list as a CSV download. */
export async function RecipientsCard({ ctx, campaignId, filter, includeMachine, basePath }: { ctx: WorkspaceCtx; campaignId: string; filter: RecipientFilter; includeMachine: boolean; basePath: string }) {
  const t = await getTranslations('campaigns.reportPage');
  const format = await getFormatter();
  const page = await listCampaignRecipients(ctx, campaignId, { filter, includeMachine, limit: SHOWN });
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: 'short', timeStyle: 'short' }) : '—');
  const qs = (f: RecipientFilter) => `?${new URLSearchParams({ who: f, ...(includeMachine ? { machine: '1' } : {}) })}`;
  const csv = `/api/campaigns/${campaignId}/recipients?${new URLSearchParams({ workspaceId: ctx.workspaceId, filter, machine: includeMachine ? '1' : '0' })}`;
  return (
    <Card title={t('recipients')} description={t('recipientsHint')}>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t('recipients')} className="flex flex-wrap gap-1">
          {RECIPIENT_FILTERS.map((f) => (
            <Link
              key={f}
              href={`${basePath}${qs(f)}#recipients`}
              aria-current={f === filter ? 'page' : undefined}
              className={cn('rounded-lg px-3 py-1.5 text-sm', f === filter ? 'bg-brand-50 font-semibold text-brand-800' : 'text-zinc-600 hover:bg-zinc-100')}
            >
              {t(`who.${f}`)}
            </Link>
          ))}
        </nav>
        <a className={buttonClass('secondary')} href={csv} download>
          {t('downloadCsv')}
        </a>
      </div>
      {page.rows.length === 0 ? (
        <p className="text-sm text-zinc-500">{t('noRecipients')}</p>
      ) : (
        <div className="-mx-5 overflow-x-auto sm:-mx-6" id="recipients">
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium sm:px-6">{t('email')}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t('variant')}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t('firstOpen')}</th>
                <th scope="col" className="px-5 py-2 font-medium sm:px-6">{t('firstClick')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.sendId} className="border-t border-zinc-100">
                  <td className="px-5 py-2 sm:px-6">
                    <Link className="text-brand-700 hover:underline" href={`${basePath.replace(/\/campaigns\/.*$/, '')}/contacts/${r.contactId}`}>
                      {r.email}
                    </Link>
                    {r.firstName || r.lastName ? <span className="ml-2 text-zinc-500">{[r.firstName, r.lastName].filter(Boolean).join(' ')}</span> : null}
                  </td>
                  <td className="px-3 py-2">{r.variantKey ?? '—'}</td>
                  <td className="px-3 py-2 tabular-nums">{when(r.firstOpenAt)}</td>
                  <td className="px-5 py-2 tabular-nums sm:px-6">{when(r.firstClickAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.next !== null ? <p className="px-5 pt-3 text-xs text-zinc-500 sm:px-6">{t('showingFirst', { count: SHOWN })}</p> : null}
        </div>
      )}
    </Card>
  );
}
