import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import type { SequenceListRow } from '@/lib/sequences/manage';
import { audienceSummary } from './audience-summary';
import { SequenceStatusBadge } from './status-badge';

/** Every sequence with its status, audience, entry mode and enrolled / in-progress counts. */
export function SequencesTable({ slug, rows, segmentNames }: { slug: string; rows: SequenceListRow[]; segmentNames: Record<string, string> }) {
  const t = useTranslations('sequences.list');
  const ta = useTranslations('sequences.audience');
  const te = useTranslations('sequences.entry');
  const format = useFormatter();
  const base = `/w/${slug}/sequences`;
  return (
    <Table label={t('tableCaption')} layout="stack" flush data-testid="sequences-table">
      <TableHeader>
        <TableRow>
          <TableHead>{t('name')}</TableHead>
          <TableHead>{t('status')}</TableHead>
          <TableHead>{t('audience')}</TableHead>
          <TableHead>{t('entry')}</TableHead>
          <TableHead align="right">{t('enrolled')}</TableHead>
          <TableHead align="right">{t('active')}</TableHead>
          <TableHead>{t('created')}</TableHead>
          <TableHead hideLabel>{t('actions')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} data-testid={`sequence-row-${r.name}`}>
            <TableRowHeader className="font-normal">
              <Link className="font-medium text-brand-700 hover:underline" href={`${base}/${r.id}`}>
                {r.name}
              </Link>
            </TableRowHeader>
            <TableCell label={t('status')}>
              <SequenceStatusBadge status={r.status} />
            </TableCell>
            <TableCell label={t('audience')}>{audienceSummary(ta, r.audience, r.audience.type === 'segment' ? segmentNames[r.audience.segmentId] : null)}</TableCell>
            <TableCell label={t('entry')} className="whitespace-nowrap">
              {te(r.entryMode)}
            </TableCell>
            <TableCell label={t('enrolled')} align="right">
              {format.number(r.enrolled)}
            </TableCell>
            <TableCell label={t('active')} align="right">
              {format.number(r.active)}
            </TableCell>
            <TableCell label={t('created')} className="whitespace-nowrap text-zinc-500">
              {format.dateTime(r.createdAt, 'date')}
            </TableCell>
            <TableCell label={t('actions')} className="whitespace-nowrap">
              <span className="flex gap-3">
                <Link className="text-brand-700 hover:underline" href={`${base}/${r.id}`} aria-label={t('openFor', { name: r.name })}>
                  {t('open')}
                </Link>
                {r.status !== 'draft' ? (
                  <Link className="text-brand-700 hover:underline" href={`${base}/${r.id}/results`} aria-label={t('resultsFor', { name: r.name })}>
                    {t('results')}
                  </Link>
                ) : null}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
