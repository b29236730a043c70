import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { CONTACT_STATUSES } from '@/lib/db/schema/contacts/constants';
import type { ContactFilter } from '@/lib/db/schema/contacts/validation';

interface Props {
  slug: string;
  filter: ContactFilter;
  lists: { id: string; name: string }[];
  segments: { id: string; name: string }[];
}

/** A plain GET form: every filtered view is a URL, works without JavaScript, and Back restores it. */
export function ContactFilters({ slug, filter, lists, segments }: Props) {
  const t = useTranslations('contacts.filters');
  const ts = useTranslations('contacts.statuses');
  return (
    <form method="get" action={`/w/${slug}/contacts`} role="search" aria-label={t('label')} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-start">
      <TextField className="lg:col-span-2" label={t('search')} name="q" type="search" defaultValue={filter.q ?? ''} placeholder={t('searchPlaceholder')} />
      <SelectField
        label={t('status')}
        name="status"
        defaultValue={filter.status ?? ''}
        options={[{ value: '', label: t('anyStatus') }, ...CONTACT_STATUSES.map((s) => ({ value: s, label: ts(s) }))]}
      />
      <SelectField
        label={t('list')}
        name="listId"
        defaultValue={filter.listId ?? ''}
        options={[{ value: '', label: t('anyList') }, ...lists.map((l) => ({ value: l.id, label: l.name }))]}
      />
      <TextField label={t('tag')} name="tag" defaultValue={filter.tag ?? ''} />
      <SelectField
        label={t('segment')}
        name="segmentId"
        defaultValue={filter.segmentId ?? ''}
        options={[{ value: '', label: t('anySegment') }, ...segments.map((s) => ({ value: s.id, label: s.name }))]}
      />
      <div className="flex gap-3 sm:col-span-2 lg:col-span-6">
        <Button type="submit">{t('apply')}</Button>
        <Link href={`/w/${slug}/contacts`} className="inline-flex min-h-10 items-center px-2 text-sm font-medium text-brand-700 hover:underline">
          {t('clear')}
        </Link>
      </div>
    </form>
  );
}
