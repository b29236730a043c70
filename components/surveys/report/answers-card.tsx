import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from '@/components/ui/table';
import { listSurveyAnswers } from '@/lib/reports/survey-answers';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { GROUP_BADGE } from './groups';
import { reportHref, type ReportParams } from './params';

const SHOWN = 25;
const STATUS_BADGE = { confirmed: 'neutral', provisional: 'warning', flagged: 'danger' } as const;

/** Who answered what: every stored answer, newest first, with the whole survey as a CSV download. */
export async function AnswersCard({ ctx, surveyId, slug, current, basePath }: { ctx: WorkspaceCtx; surveyId: string; slug: string; current: ReportParams; basePath: string }) {
  const t = await getTranslations('surveys.report');
  const format = await getFormatter();
  const before = /^\d{1,15}$/.test(current.before ?? '') ? Number(current.before) : undefined;
  const page = await listSurveyAnswers(ctx, surveyId, { before, limit: SHOWN });
  const csv = `/api/surveys/${surveyId}/responses?${new URLSearchParams({ workspaceId: ctx.workspaceId })}`;
  return (
    <Card title={t('answers.title')} description={t('answers.hint')}>
      <div className="mb-4 flex flex-wrap items-center justify-end gap-3">
        <a className={buttonClass('secondary')} href={csv} download>
          {t('answers.csv')}
        </a>
      </div>
      {page.rows.length === 0 ? (
        <p className="text-sm text-zinc-600">{t('answers.none')}</p>
      ) : (
        <div id="answers">
          <Table label={t('answers.title')} layout="stack" flush data-testid="answers-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t('answers.contact')}</TableHead>
                <TableHead align="right">{t('answers.score')}</TableHead>
                <TableHead>{t('answers.group')}</TableHead>
                <TableHead>{t('answers.channel')}</TableHead>
                <TableHead>{t('answers.status')}</TableHead>
                <TableHead>{t('answers.comment')}</TableHead>
                <TableHead>{t('answers.date')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.rows.map((r) => (
                <TableRow key={r.id}>
                  <TableRowHeader className="font-normal">
                    {r.contactId && r.email ? (
                      <Link className="break-all text-brand-700 hover:underline" href={`/w/${slug}/contacts/${r.contactId}`}>
                        {r.email}
                      </Link>
                    ) : (
                      <span className="italic text-zinc-600">{t('answers.anonymous')}</span>
                    )}
                  </TableRowHeader>
                  <TableCell label={t('answers.score')} align="right" className="tabular-nums">
                    {r.score}
                  </TableCell>
                  <TableCell label={t('answers.group')}>
                    <Badge tone={GROUP_BADGE[r.group]}>{t(`group.${page.kind}.${r.group}`)}</Badge>
                  </TableCell>
                  <TableCell label={t('answers.channel')}>{t(`channels.${r.channel}`)}</TableCell>
                  <TableCell label={t('answers.status')}>
                    <Badge tone={STATUS_BADGE[r.status]} title={r.flagReason ? (t.has(`flagReasons.${r.flagReason}`) ? t(`flagReasons.${r.flagReason}`) : r.flagReason) : undefined}>
                      {t(`statuses.${r.status}`)}
                    </Badge>
                  </TableCell>
                  <TableCell label={t('answers.comment')} className="min-w-[12rem] max-w-md whitespace-normal break-words">
                    {r.comment || <span className="text-zinc-400">—</span>}
                  </TableCell>
                  <TableCell label={t('answers.date')} className="whitespace-nowrap tabular-nums">
                    <time dateTime={r.createdAt.toISOString()}>{format.dateTime(r.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</time>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <nav aria-label={t('answers.pages')} className="flex flex-wrap justify-between gap-3 pt-3 text-sm">
            {before ? (
              <Link className="text-brand-700 hover:underline" href={reportHref(basePath, current, { before: '' }, '#answers')}>
                {t('answers.newest')}
              </Link>
            ) : (
              <span />
            )}
            {page.next !== null ? (
              <Link className="text-brand-700 hover:underline" href={reportHref(basePath, current, { before: String(page.next) }, '#answers')}>
                {t('answers.older')}
              </Link>
            ) : null}
          </nav>
        </div>
      )}
    </Card>
  );
}
