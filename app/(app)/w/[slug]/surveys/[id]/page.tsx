import { MessageSquareText } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AnswersCard } from '@/components/surveys/report/answers-card';
import { AudienceCard } from '@/components/surveys/report/audience-card';
import { CommentsCard } from '@/components/surveys/report/comments-card';
import { DistributionCard } from '@/components/surveys/report/distribution-card';
import { FollowUpsCard } from '@/components/surveys/report/follow-ups-card';
import { HeadlineCard } from '@/components/surveys/report/headline-card';
import { reportHref, type ReportParams } from '@/components/surveys/report/params';
import { TrendCard } from '@/components/surveys/report/trend-card';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { trackingBaseUrl } from '@/lib/campaigns/send-config';
import { getSurveyReport } from '@/lib/reports/survey';
import { getSurveyFollowUps } from '@/lib/reports/survey-followups';
import { TREND_PERIODS, type TrendPeriod } from '@/lib/reports/survey-periods';
import { publicSurveyUrl } from '@/lib/surveys/links';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

const STATUS_TONE = { draft: 'neutral', open: 'success', closed: 'warning' } as const;

/** A survey's report: any member (viewer included) may read it; another workspace's survey id is a 404. */
export default async function SurveyReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug, id } = await params;
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const period: TrendPeriod = (TREND_PERIODS as readonly string[]).includes(one('period') ?? '') ? (one('period') as TrendPeriod) : 'week';
  const current: ReportParams = { period: one('period') === 'month' ? 'month' : undefined, audience: one('audience'), group: one('group'), q: one('q'), page: one('page'), before: one('before') };
  const { ctx, role } = await getPageContext(slug);
  const report = await orNotFound(getSurveyReport(ctx, id, { period }));
  const t = await getTranslations('surveys.report');
  const s = report.survey;
  const basePath = `/w/${slug}/surveys/${id}`;
  const answered = report.statusCounts.confirmed + report.statusCounts.provisional + report.statusCounts.flagged;
  return (
    <>
      <PageHeader
        title={s.name}
        description={t(`kind.${s.kind}`)}
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <span data-testid="survey-status">
              <Badge tone={STATUS_TONE[s.status]}>{t(`surveyStatus.${s.status}`)}</Badge>
            </span>
            <Link className={buttonClass('secondary')} href={`/w/${slug}/surveys`}>
              {t('allSurveys')}
            </Link>
            {hasRole(role, 'member') ? (
              <Link className={buttonClass('secondary')} href={`${basePath}/edit`}>
                {t('edit')}
              </Link>
            ) : null}
          </div>
        }
      />
      {answered === 0 ? (
        <EmptyState icon={MessageSquareText} title={t('empty.title')} body={t(s.status === 'draft' ? 'empty.draft' : 'empty.body')}>
          <div className="w-full max-w-xl space-y-3 text-left text-sm text-zinc-700">
            <p>{t('empty.link')}</p>
            <p className="break-all rounded-lg bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-900 ring-1 ring-inset ring-zinc-200" data-testid="public-link">
              {publicSurveyUrl(trackingBaseUrl(), s.publicToken)}
            </p>
            <p>{t('empty.send')}</p>
          </div>
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <HeadlineCard report={report} />
          <div className="grid gap-6 xl:grid-cols-2">
            <DistributionCard report={report} />
            <TrendCard report={report} hrefFor={(p) => reportHref(basePath, current, { period: p === 'week' ? '' : p })} />
          </div>
          <FollowUpsCard
            report={report}
            figures={await getSurveyFollowUps(ctx, s.id, {
              promoter: report.headline.counts.promoters,
              passive: report.headline.counts.passives,
              detractor: report.headline.counts.detractors,
            })}
          />
          <AudienceCard ctx={ctx} report={report} current={current} basePath={basePath} />
          <CommentsCard ctx={ctx} surveyId={s.id} kind={s.kind} current={current} basePath={basePath} />
          <AnswersCard ctx={ctx} surveyId={s.id} slug={slug} current={current} basePath={basePath} />
        </div>
      )}
    </>
  );
}
