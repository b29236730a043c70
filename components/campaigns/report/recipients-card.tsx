import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { buttonClass } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { listCampaignRecipients, RECIPIENT_FILTERS, type RecipientFilter } from '@/lib/reports/recipients';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

const SHOWN = 50;

/** The report's drill-down: who opened or clicked, with the full list as a CSV download. */
export async function RecipientsCard({
  ctx,
  campaignId,
  filter,
  includeMachine,
  basePath,
  abTest,
}: {
  ctx: WorkspaceCtx;
  campaignId: string;
  filter: RecipientFilter;
  includeMachine: boolean;
  basePath: string;
  /** Only an A/B test has variants; without one the column is left out. */
  abTest: boolean;
}) {
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
        <div id="recipients">
          <Table label={t('recipients')} layout="stack" flush data-testid="recipients-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t('email')}</TableHead>
                {abTest ? <TableHead>{t('variant')}</TableHead> : null}
                <TableHead>{t('firstOpen')}</TableHead>
                <TableHead>{t('firstClick')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.rows.map((r) => (
                <TableRow key={r.sendId}>
                  <TableRowHeader className="font-normal">
                    <Link className="break-all text-brand-700 hover:underline" href={`${basePath.replace(/\/campaigns\/.*$/, '')}/contacts/${r.contactId}`}>
                      {r.email}
                    </Link>
                    {r.firstName || r.lastName ? <span className="ml-2 text-zinc-500">{[r.firstName, r.lastName].filter(Boolean).join(' ')}</span> : null}
                  </TableRowHeader>
                  {abTest ? <TableCell label={t('variant')}>{r.variantKey ?? '—'}</TableCell> : null}
                  <TableCell label={t('firstOpen')} className="whitespace-nowrap tabular-nums">
                    {/* A click proves the open: the pixel was blocked (images off), so there is no time to show. */}
                    {r.firstOpenAt ? when(r.firstOpenAt) : r.firstClickAt ? <span className="whitespace-normal italic text-zinc-600">{t('openInferred')}</span> : '—'}
                  </TableCell>
                  <TableCell label={t('firstClick')} className="whitespace-nowrap tabular-nums">
                    {when(r.firstClickAt)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {page.next !== null ? <p className="pt-3 text-xs text-zinc-500">{t('showingFirst', { count: SHOWN })}</p> : null}
        </div>
      )}
    </Card>
  );
}
