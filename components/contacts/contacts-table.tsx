import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import type { Contact } from '@/lib/db/schema';
import { lastEngagement } from '@/lib/metrics/inactivity';
import { BULK_FORM_ID, SelectAllContacts } from './delete-contacts';
import { StatusBadge, TagChip } from './status-badge';

const TAGS_SHOWN = 3;

/** `selectable` adds a checkbox per row for the bulk actions of BulkDeleteBar (members and up). */
export function ContactsTable({ slug, contacts, selectable = false }: { slug: string; contacts: Contact[]; selectable?: boolean }) {
  const t = useTranslations('contacts');
  const format = useFormatter();
  const date = (d: Date | null) => (d ? format.dateTime(d, 'date') : null);
  return (
    <Table label={t('tableCaption')} layout="stack" flush data-testid="contacts-table">
      <TableHeader>
        <TableRow>
          {selectable ? (
            <TableHead className="w-8">
              <SelectAllContacts label={t('delete.selectAll')} />
            </TableHead>
          ) : null}
          <TableHead>{t('columns.email')}</TableHead>
          <TableHead>{t('columns.name')}</TableHead>
          <TableHead>{t('columns.status')}</TableHead>
          <TableHead>{t('columns.tags')}</TableHead>
          <TableHead>{t('columns.joined')}</TableHead>
          <TableHead>{t('columns.lastActivity')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {contacts.map((c) => {
          const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
          // Engagement only: joining is not activity.
          const active = lastEngagement({ lastActivityAt: c.lastActivityAt, lastOpenAt: c.lastOpenAt, lastClickAt: c.lastClickAt, lastPurchaseAt: c.lastPurchaseAt });
          return (
            <TableRow key={c.id}>
              {selectable ? (
                <TableCell className="w-8">
                  <input type="checkbox" form={BULK_FORM_ID} name="contactIds" value={c.id} aria-label={t('delete.select', { email: c.email })} className="size-4 rounded border-zinc-300" />
                </TableCell>
              ) : null}
              <TableRowHeader className="break-all">
                <Link href={`/w/${slug}/contacts/${c.id}`} className="text-brand-700 hover:underline">
                  {c.email}
                </Link>
              </TableRowHeader>
              <TableCell label={t('columns.name')}>{name || <span className="text-zinc-500">—</span>}</TableCell>
              <TableCell label={t('columns.status')}>
                <StatusBadge status={c.status} />
              </TableCell>
              <TableCell label={t('columns.tags')}>
                <span className="flex flex-wrap gap-1">
                  {c.tags.slice(0, TAGS_SHOWN).map((tag) => (
                    <TagChip key={tag} tag={tag} />
                  ))}
                  {c.tags.length > TAGS_SHOWN ? (
                    <span className="text-xs text-zinc-500" title={c.tags.slice(TAGS_SHOWN).join(', ')}>
                      {t('moreTags', { count: c.tags.length - TAGS_SHOWN })}
                    </span>
                  ) : null}
                  {c.tags.length === 0 ? <span className="text-zinc-500">—</span> : null}
                </span>
              </TableCell>
              <TableCell label={t('columns.joined')} className="whitespace-nowrap text-zinc-500">
                {date(c.joinedAt) ?? '—'}
              </TableCell>
              <TableCell label={t('columns.lastActivity')} className="whitespace-nowrap text-zinc-500">
                {date(active) ?? t('never')}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
