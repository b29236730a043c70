import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import type { ImportView } from './import-types';
import { useImportFailure } from './import-result';

type HistoryRow = Pick<
  ImportView,
  'id' | 'fileName' | 'status' | 'totalRows' | 'insertedRows' | 'updatedRows' | 'duplicateRows' | 'rejectedRows' | 'error' | 'createdAt'
>;

const STATUS_TONE = { running: 'info', completed: 'success', failed: 'danger' } as const;
const COUNTS = ['totalRows', 'inserted', 'updated', 'duplicates', 'rejected'] as const;
const COUNT_FIELD = {
  totalRows: 'totalRows',
  inserted: 'insertedRows',
  updated: 'updatedRows',
  duplicates: 'duplicateRows',
  rejected: 'rejectedRows',
} as const satisfies Record<(typeof COUNTS)[number], keyof HistoryRow>;

export function ImportHistory({ slug, rows }: { slug: string; rows: HistoryRow[] }) {
  const t = useTranslations('contacts.import');
  const format = useFormatter();
  const failure = useImportFailure();
  if (rows.length === 0) return <p className="text-sm text-zinc-500">{t('noHistory')}</p>;
  const n = (v: number) => format.number(v);
  return (
    <Table label={t('historyCaption')} layout="stack" flush data-testid="import-history">
      <TableHeader>
        <TableRow>
          <TableHead>{t('fileColumn')}</TableHead>
          <TableHead>{t('started')}</TableHead>
          <TableHead>{t('status')}</TableHead>
          {COUNTS.map((k) => (
            <TableHead key={k} align="right">
              {t(`counts.${k}`)}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id}>
            <TableRowHeader className="break-all">
              <Link href={`/w/${slug}/contacts/import?import=${r.id}`} className="font-medium text-brand-700 hover:underline">
                {r.fileName}
              </Link>
              {r.error ? <p className="mt-1 text-xs font-normal text-red-700">{failure(r.error)}</p> : null}
            </TableRowHeader>
            <TableCell label={t('started')} className="whitespace-nowrap text-zinc-500">
              {format.dateTime(new Date(r.createdAt), 'dateTime')}
            </TableCell>
            <TableCell label={t('status')}>
              <Badge tone={STATUS_TONE[r.status]}>{t(`statuses.${r.status}`)}</Badge>
            </TableCell>
            {COUNTS.map((k) => (
              <TableCell key={k} label={t(`counts.${k}`)} align="right">
                {n(r[COUNT_FIELD[k]])}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
