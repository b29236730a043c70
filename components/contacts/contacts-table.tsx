import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import type { Contact } from '@/lib/db/schema';
import { lastEngagement } from '@/lib/metrics/inactivity';
import { StatusBadge, TagChip } from './status-badge';

const TAGS_SHOWN = 3;

export function ContactsTable({ slug, contacts }: { slug: string; contacts: Contact[] }) {
  const t = useTranslations('contacts');
  const format = useFormatter();
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: 'medium' }) : null);
  return (
    <div className="-mx-5 overflow-x-auto sm:-mx-6">
      <table className="min-w-full text-sm" data-testid="contacts-table">
        <caption className="sr-only">{t('tableCaption')}</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium sm:px-6">{t('columns.email')}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t('columns.name')}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t('columns.status')}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t('columns.tags')}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t('columns.joined')}</th>
            <th scope="col" className="px-5 py-2 font-medium sm:px-6">{t('columns.lastActivity')}</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => {
            const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
            // Engagement only: joining is not activity.
            const active = lastEngagement({ lastActivityAt: c.lastActivityAt, lastOpenAt: c.lastOpenAt, lastClickAt: c.lastClickAt, lastPurchaseAt: c.lastPurchaseAt });
            return (
              <tr key={c.id} className="border-t border-zinc-100 align-top">
                <th scope="row" className="px-5 py-3 text-left font-medium sm:px-6">
                  <Link href={`/w/${slug}/contacts/${c.id}`} className="text-brand-700 hover:underline">
                    {c.email}
                  </Link>
                </th>
                <td className="px-3 py-3 text-zinc-700">{name || <span className="text-zinc-400">—</span>}</td>
                <td className="px-3 py-3">
                  <StatusBadge status={c.status} />
                </td>
                <td className="px-3 py-3">
                  <span className="flex flex-wrap gap-1">
                    {c.tags.slice(0, TAGS_SHOWN).map((tag) => (
                      <TagChip key={tag} tag={tag} />
                    ))}
                    {c.tags.length > TAGS_SHOWN ? (
                      <span className="text-xs text-zinc-500" title={c.tags.slice(TAGS_SHOWN).join(', ')}>
                        {t('moreTags', { count: c.tags.length - TAGS_SHOWN })}
                      </span>
                    ) : null}
                  </span>
                </td>
                <td className="whitespace-nowrap px-3 py-3 text-zinc-500">{date(c.joinedAt) ?? '—'}</td>
                <td className="whitespace-nowrap px-5 py-3 text-zinc-500 sm:px-6">{date(active) ?? t('never')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
