import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { sortLink, type TableSort } from '@/components/ui/table-sort';
import type { listCampaigns } from '@/lib/campaigns/manage';
import { campaignStatus, isEditable } from '@/lib/campaigns/status';
import { StatusBadge } from './status-badge';

type Row = Awaited<ReturnType<typeof listCampaigns>>[number];
export const CAMPAIGN_SORT_KEYS = ['name', 'status', 'updated'] as const;
export type CampaignSortKey = (typeof CAMPAIGN_SORT_KEYS)[number];

const COMPARE: Record<CampaignSortKey, (a: Row, b: Row) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  status: (a, b) => campaignStatus(a).localeCompare(campaignStatus(b)),
  updated: (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime(),
};

export function sortCampaigns(rows: Row[], sort: TableSort<CampaignSortKey>): Row[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * COMPARE[sort.key](a, b));
}

export function CampaignsTable({
  slug,
  rows,
  sort,
  params,
}: {
  slug: string;
  rows: Row[];
  sort: TableSort<CampaignSortKey>;
  params: Record<string, string | string[] | undefined>;
}) {
  const t = useTranslations('campaigns');
  const format = useFormatter();
  const path = `/w/${slug}/campaigns`;
  const link = (key: CampaignSortKey, first: 'asc' | 'desc' = 'asc') => sortLink(path, params, sort, key, first);
  return (
    <Table label={t('tableCaption')} layout="stack" flush data-testid="campaigns-table">
      <TableHeader>
        <TableRow>
          <TableHead sort={link('name')}>{t('name')}</TableHead>
          <TableHead sort={link('status')}>{t('status')}</TableHead>
          <TableHead>{t('category')}</TableHead>
          <TableHead sort={link('updated', 'desc')}>{t('updated')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((c) => {
          const status = campaignStatus(c);
          const editable = isEditable(status);
          return (
            <TableRow key={c.id}>
              <TableRowHeader className="font-normal">
                <Link className="font-medium text-brand-700 hover:underline" href={`/w/${slug}/campaigns/${c.id}${editable ? '/edit' : ''}`}>
                  {c.name}
                </Link>
                <p className="font-normal text-zinc-500">{c.subject || '—'}</p>
              </TableRowHeader>
              <TableCell label={t('status')}>
                <StatusBadge status={status} />
                {status === 'scheduled' && c.scheduledAt ? (
                  <p className="mt-1 text-xs text-zinc-500">{t('scheduledFor', { date: format.dateTime(c.scheduledAt, 'dateTime') })}</p>
                ) : null}
              </TableCell>
              <TableCell label={t('category')}>{t(`categories.${c.category}`)}</TableCell>
              <TableCell label={t('updated')} className="whitespace-nowrap text-zinc-500">
                {format.dateTime(c.updatedAt, 'dateTime')}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
