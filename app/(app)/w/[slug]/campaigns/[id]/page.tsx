import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AutoRefresh } from '@/components/campaigns/report/auto-refresh';
import { MachineToggle } from '@/components/campaigns/report/machine-toggle';
import { RecipientsCard } from '@/components/campaigns/report/recipients-card';
import { CampaignSurveyCard } from '@/components/campaigns/report/survey-card';
import { ReportHeader } from '@/components/campaigns/report/report-header';
import { ReportView } from '@/components/campaigns/report/report-view';
import { WinnerOverride } from '@/components/campaigns/report/winner-override';
import { StatusBadge } from '@/components/campaigns/status-badge';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { campaignStatus, isEditable } from '@/lib/campaigns/status';
import { getListInWorkspace, getSegmentInWorkspace } from '@/lib/contacts/guards';
import type { CampaignAudience } from '@/lib/db/schema';
import { getCampaignReport } from '@/lib/reports/campaign';
import { getCampaignSurveyFigures } from '@/lib/reports/survey-campaign';
import { RECIPIENT_FILTERS, type RecipientFilter } from '@/lib/reports/recipients';
import { hasRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

/** "All subscribed contacts", or the list's or segment's name (it may since have been deleted). */
async function audienceLabel(ctx: WorkspaceCtx, audience: CampaignAudience, t: Awaited<ReturnType<typeof getTranslations<'campaigns'>>>) {
  if (audience.type === 'all') return t('editor.audienceAll');
  if (audience.type === 'npsCategory') return `${t('editor.audienceNps')}: ${audience.categories.map((c) => t(`editor.npsGroups.${c}`)).join(', ')}`;
  const named =
    audience.type === 'list'
      ? await getListInWorkspace(ctx.db, ctx, audience.listId).catch(() => null)
      : await getSegmentInWorkspace(ctx.db, ctx, audience.segmentId).catch(() => null);
  const kind = audience.type === 'list' ? t('editor.list') : t('editor.segment');
  return named ? `${kind}: ${named.name}` : t('reportPage.header.audienceGone', { kind });
}

export default async function CampaignReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<{ machine?: string; who?: string }>;
}) {
  const { slug, id } = await params;
  const sp = await searchParams;
  const includeMachine = sp.machine === '1';
  const who: RecipientFilter = (RECIPIENT_FILTERS as readonly string[]).includes(sp.who ?? '') ? (sp.who as RecipientFilter) : 'opened';
  const { ctx, role, workspace } = await getPageContext(slug);
  const report = await orNotFound(getCampaignReport(ctx, id, { includeMachine }));
  const surveyFigures = await getCampaignSurveyFigures(ctx, id);
  const t = await getTranslations('campaigns');
  const c = report.campaign;
  const ab = c.abTest;
  const winner = ab?.winnerOverride ?? c.winnerKey;
  const status = campaignStatus(c);
  const audience = await audienceLabel(ctx, c.audience, t);
  const editable = isEditable(status);
  return (
    <>
      <PageHeader
        title={c.name}
        description={t('reportPage.title')}
        actions={
          <div className="flex items-center gap-3">
            <span data-testid="campaign-status">
              <StatusBadge status={status} />
            </span>
            {editable ? (
              <Link className={buttonClass('secondary')} href={`/w/${slug}/campaigns/${id}/edit`}>
                {t('edit')}
              </Link>
            ) : null}
          </div>
        }
      />
      <ReportHeader subject={c.subject} audience={audience} status={status} startedAt={c.startedAt} scheduledAt={c.scheduledAt} timeZone={workspace.timezone} />
      {status === 'sending' ? (
        <>
          <AutoRefresh />
          <Alert tone="info" className="mb-6">
            {t('reportPage.sending', { sent: report.counts.delivered, total: report.counts.recipients })}
          </Alert>
        </>
      ) : null}
      <div className="mb-6">
        <MachineToggle checked={includeMachine} />
      </div>
      <ReportView
        report={report}
        categoryLabel={t(`categories.${c.category}`)}
        abExtra={
          ab ? (
            <>
              {winner ? <p className="mt-2 text-sm text-zinc-700">{t('reportPage.winnerChosen', { key: winner, manual: String(Boolean(ab.winnerOverride)) })}</p> : null}
              {status === 'sending' && hasRole(role, 'member') ? (
                <WinnerOverride workspaceId={ctx.workspaceId} campaignId={id} keys={ab.variants.map((v) => v.key)} current={winner ?? null} />
              ) : null}
            </>
          ) : null
        }
      />
      {surveyFigures ? (
        <div className="mt-6">
          <CampaignSurveyCard figures={surveyFigures} slug={slug} />
        </div>
      ) : null}
      <div className="mt-6">
        <RecipientsCard ctx={ctx} campaignId={id} filter={who} includeMachine={includeMachine} basePath={`/w/${slug}/campaigns/${id}`} abTest={Boolean(ab)} />
      </div>
    </>
  );
}
