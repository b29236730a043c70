import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import type { SmartlinkListRow } from '@/lib/smartlinks/manage';

export async function SmartlinksTable({ slug, rows }: { slug: string; rows: SmartlinkListRow[] }) {
  const t = await getTranslations('smartlinks');
  const format = await getFormatter();
  return (
    <Table label={t('list.title')}>
      <TableHeader>
        <tr>
          <TableHead>{t('list.columns.title')}</TableHead>
          <TableHead>{t('list.columns.address')}</TableHead>
          <TableHead>{t('list.columns.status')}</TableHead>
          <TableHead>{t('list.columns.items')}</TableHead>
          <TableHead>{t('list.columns.updated')}</TableHead>
          <TableHead>{t('list.columns.actions')}</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} data-testid="smartlink-row">
            <TableRowHeader>
              <Link href={`/w/${slug}/links/${r.id}`} className="font-semibold text-brand-700 hover:underline">
                {r.title}
              </Link>
            </TableRowHeader>
            <TableCell>
              <span className="font-mono text-xs">/l/{r.slug}</span>
            </TableCell>
            <TableCell>
              <Badge tone={r.status === 'published' ? 'success' : 'neutral'}>{t(`status.${r.status}`)}</Badge>
            </TableCell>
            <TableCell>{r.items}</TableCell>
            <TableCell>{format.dateTime(r.updatedAt, { dateStyle: 'medium' })}</TableCell>
            <TableCell>
              <Link href={`/w/${slug}/links/${r.id}/analytics`} className="text-brand-700 hover:underline">
                {t('list.analytics')}
              </Link>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
