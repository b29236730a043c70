import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import type { SurveyKind } from '@/lib/db/schema';
import { COMMENT_SEARCH_MAX, commentQuerySchema, listSurveyComments } from '@/lib/reports/survey-answers';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { GROUP_BADGE, GROUP_ORDER } from './groups';
import { keptParams, reportHref, type ReportParams } from './params';

/** Comments of confirmed answers: filter by group, search (server-side), paged. Text is rendered by React, so always escaped. */
export async function CommentsCard({ ctx, surveyId, kind, current, basePath }: { ctx: WorkspaceCtx; surveyId: string; kind: SurveyKind; current: ReportParams; basePath: string }) {
  const t = await getTranslations('surveys.report');
  const format = await getFormatter();
  const query = commentQuerySchema.parse({ group: current.group, q: current.q, page: current.page });
  const list = await listSurveyComments(ctx, surveyId, query);
  const filtered = Boolean(query.group || query.q);
  return (
    <Card title={t('comments.title')} description={t('comments.hint')}>
      <form method="get" action={`${basePath}#comments`} role="search" aria-label={t('comments.filter')} className="mb-5 flex flex-wrap items-end gap-3" id="comments">
        {keptParams(current, ['group', 'q', 'page']).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <SelectField
          label={t('comments.group')}
          name="group"
          defaultValue={query.group ?? ''}
          className="w-full sm:w-48"
          options={[{ value: '', label: t('comments.allGroups') }, ...GROUP_ORDER.map((g) => ({ value: g, label: t(`groups.${kind}.${g}`) }))]}
        />
        <TextField label={t('comments.search')} name="q" type="search" defaultValue={query.q ?? ''} maxLength={COMMENT_SEARCH_MAX} className="min-w-0 flex-1 sm:max-w-xs" />
        <button type="submit" className={buttonClass('secondary')}>
          {t('comments.apply')}
        </button>
        {filtered ? (
          <Link className="py-2 text-sm text-brand-700 hover:underline" href={reportHref(basePath, current, { group: '', q: '', page: '' }, '#comments')}>
            {t('comments.clear')}
          </Link>
        ) : null}
      </form>
      <p className="mb-3 text-sm text-zinc-600" data-testid="comments-count" aria-live="polite">
        {t(filtered ? 'comments.countFiltered' : 'comments.count', { count: list.total })}
      </p>
      {list.rows.length ? (
        <ul className="divide-y divide-zinc-100" data-testid="comments-list">
          {list.rows.map((c) => (
            <li key={c.id} className="py-3">
              <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
                <Badge tone={GROUP_BADGE[c.group]}>{t(`group.${kind}.${c.group}`)}</Badge>
                <span className="tabular-nums">{t('comments.score', { score: c.score })}</span>
                <time dateTime={c.createdAt.toISOString()}>{format.dateTime(c.createdAt, { dateStyle: 'medium' })}</time>
              </div>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm text-zinc-900">{c.comment}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {list.pages > 1 ? (
        <nav aria-label={t('comments.pages')} className="mt-4 flex items-center justify-between gap-3 text-sm">
          {list.page > 1 ? (
            <Link className="text-brand-700 hover:underline" href={reportHref(basePath, current, { page: String(list.page - 1) }, '#comments')}>
              {t('comments.previous')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-zinc-600">{t('comments.pageOf', { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? (
            <Link className="text-brand-700 hover:underline" href={reportHref(basePath, current, { page: String(list.page + 1) }, '#comments')}>
              {t('comments.next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Card>
  );
}
