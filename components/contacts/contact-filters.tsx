import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { CONTACT_STATUSES } from '@/lib/db/schema/contacts/constants';
import type { ContactFilter } from '@/lib/db/schema/contacts/validation';
import { CSAT_CATEGORIES, SURVEY_GROUPS } from '@/lib/db/schema/surveys/constants';
import type { SurveyGroupCounts } from '@/lib/contacts/query';

interface Props {
  slug: string;
  filter: ContactFilter;
  lists: { id: string; name: string }[];
  segments: { id: string; name: string }[];
  /** Contacts per NPS and CSAT group right now, shown beside each option. */
  surveyCounts: SurveyGroupCounts;
}

/** A plain GET form: every filtered view is a URL, works without JavaScript, and Back restores it. */
export function ContactFilters({ slug, filter, lists, segments, surveyCounts }: Props) {
  const t = useTranslations('contacts.filters');
  const ts = useTranslations('contacts.statuses');
  const tg = useTranslations('contacts.segments.surveyGroups');
  const format = useFormatter();
  const withCount = (label: string, n: number) => `${label} (${format.number(n)})`;
  return (
    <form method="get" action={`/w/${slug}/contacts`} role="search" aria-label={t('label')} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-start">
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
      <SelectField
        label={t('nps')}
        name="nps"
        defaultValue={filter.nps ?? ''}
        options={[{ value: '', label: t('anyNps') }, ...SURVEY_GROUPS.map((g) => ({ value: g, label: withCount(tg(`nps.${g}`), surveyCounts.nps[g]) }))]}
      />
      <SelectField
        label={t('csat')}
        name="csat"
        defaultValue={filter.csat ?? ''}
        options={[{ value: '', label: t('anyCsat') }, ...CSAT_CATEGORIES.map((g) => ({ value: g, label: withCount(tg(`csat.${g}`), surveyCounts.csat[g]) }))]}
      />
      <div className="flex gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit">{t('apply')}</Button>
        <Link href={`/w/${slug}/contacts`} className="inline-flex min-h-10 items-center px-2 text-sm font-medium text-brand-700 hover:underline">
          {t('clear')}
        </Link>
      </div>
    </form>
  );
}
