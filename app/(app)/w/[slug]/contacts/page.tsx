import { Download, Upload, UserPlus, Users } from 'lucide-react';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ContactFilters } from '@/components/contacts/contact-filters';
import { ContactsNav } from '@/components/contacts/contacts-nav';
import { ContactsTable } from '@/components/contacts/contacts-table';
import { BulkDeleteBar } from '@/components/contacts/delete-contacts';
import { filterFromParams, filterQuery, isFiltered } from '@/components/contacts/filter-params';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { listImports } from '@/lib/contacts/imports';
import { listLists } from '@/lib/contacts/lists';
import { countContacts, countSurveyGroups, listContacts } from '@/lib/contacts/query';
import { AppError } from '@/lib/errors';
import { listSegments } from '@/lib/segments/manage';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext } from '@/lib/workspaces/page-context';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ContactsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { workspace, role, ctx } = await getPageContext(slug);
  const t = await getTranslations('contacts');
  const format = await getFormatter();
  const sp = await searchParams;
  const { filter, invalid } = filterFromParams(sp);
  const cursor = one(sp.cursor);
  const from = Math.max(1, Number.parseInt(one(sp.from) ?? '1', 10) || 1);
  const canEdit = hasRole(role, 'member');
  const filtered = isFiltered(filter);

  const [lists, segments, total, [latestImport], surveyCounts] = await Promise.all([
    listLists(ctx),
    listSegments(ctx),
    countContacts(ctx),
    listImports(ctx, 1),
    countSurveyGroups(ctx),
  ]);
  const running = latestImport?.status === 'running' ? latestImport : null;
  let problem: string | null = null;
  let page: Awaited<ReturnType<typeof listContacts>> = { items: [], nextCursor: null };
  let matching = total;
  try {
    page = await listContacts(ctx, { ...filter, cursor });
    if (filtered) matching = await countContacts(ctx, filter);
  } catch (e) {
    if (!(e instanceof AppError) || (e.code !== 'NOT_FOUND' && e.code !== 'VALIDATION')) throw e;
    problem = (await getTranslations('errors'))(e.messageKey);
  }

  const exportHref = (format?: 'excel') =>
    `/api/contacts/export${filterQuery(filter, { workspaceId: workspace.id, format })}`;
  const header = (
    <PageHeader
      title={t('title')}
      description={t('description')}
      actions={
        <div className="flex flex-wrap gap-2">
          {total > 0 ? (
            <a href={exportHref()} download className={buttonClass('secondary')} data-testid="export-csv">
              <Download aria-hidden className="size-4" />
              {filtered ? t('exportFiltered') : t('export')}
            </a>
          ) : null}
          {total > 0 ? (
            <a href={exportHref('excel')} download className={buttonClass('ghost')} title={t('exportExcelHint')}>
              {t('exportExcel')}
            </a>
          ) : null}
          {canEdit ? (
            <Link href={`/w/${slug}/contacts/new`} className={buttonClass('secondary')}>
              <UserPlus aria-hidden className="size-4" />
              {t('addContact')}
            </Link>
          ) : null}
          {canEdit ? (
            <Link href={`/w/${slug}/contacts/import`} className={buttonClass('primary')}>
              <Upload aria-hidden className="size-4" />
              {t('importCsv')}
            </Link>
          ) : null}
        </div>
      }
    />
  );

  const runningNotice = running ? (
    <Alert tone="info" className="mb-6">
      {t('importRunning', { file: running.fileName })}{' '}
      <Link href={`/w/${slug}/contacts/import`} className="font-medium underline">
        {t('followImport')}
      </Link>
    </Alert>
  ) : null;

  if (total === 0 && !filtered) {
    return (
      <>
        {header}
        <ContactsNav slug={slug} />
        {runningNotice}
        <EmptyState icon={Users} title={t('empty.title')} body={canEdit ? t('empty.body') : t('empty.bodyViewer')}>
          {canEdit ? (
            <Link href={`/w/${slug}/contacts/import`} className={buttonClass('primary')}>
              {t('importCsv')}
            </Link>
          ) : null}
          {canEdit ? (
            <Link href={`/w/${slug}/contacts/new`} className={buttonClass('secondary')}>
              {t('addContact')}
            </Link>
          ) : null}
        </EmptyState>
      </>
    );
  }

  const to = from + page.items.length - 1;
  return (
    <>
      {header}
      <ContactsNav slug={slug} />
      {runningNotice}
      <div className="space-y-6">
        <Card>
          <ContactFilters slug={slug} filter={filter} lists={lists} segments={segments} surveyCounts={surveyCounts} />
        </Card>
        {invalid.length ? <Alert tone="warning">{t('invalidFilter', { fields: invalid.join(', ') })}</Alert> : null}
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <Card>
          <p role="status" aria-live="polite" className="mb-4 text-sm text-zinc-700" data-testid="contacts-count">
            {problem ? null : filtered ? t('matching', { matching, total: format.number(total) }) : t('count', { count: matching })}
            {page.items.length > 0 ? ` · ${t('showing', { from: format.number(from), to: format.number(to) })}` : ''}
          </p>
          {page.items.length > 0 ? (
            <>
              {canEdit ? <BulkDeleteBar workspaceId={workspace.id} /> : null}
              <ContactsTable slug={slug} contacts={page.items} selectable={canEdit} />
            </>
          ) : (
            <p className="py-8 text-center text-sm text-zinc-600">{problem ? null : t('noMatch')}</p>
          )}
          {cursor || page.nextCursor ? (
            <nav aria-label={t('pagination')} className="mt-4 flex flex-wrap justify-between gap-3 border-t border-zinc-100 pt-4">
              {cursor ? (
                <Link href={`/w/${slug}/contacts${filterQuery(filter)}`} className={buttonClass('ghost')}>
                  ← {t('firstPage')}
                </Link>
              ) : (
                <span />
              )}
              {page.nextCursor ? (
                <Link
                  href={`/w/${slug}/contacts${filterQuery(filter, { cursor: page.nextCursor, from: String(to + 1) })}`}
                  className={buttonClass('secondary')}
                >
                  {t('nextPage')} →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </Card>
      </div>
    </>
  );
}
