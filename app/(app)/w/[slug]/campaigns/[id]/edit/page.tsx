import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { RefreshAt } from '@/components/campaigns/report/auto-refresh';
import { CampaignEditor } from '@/components/campaigns/campaign-editor';
import { DeleteCampaignButton } from '@/components/campaigns/delete-campaign-button';
import { StatusBadge } from '@/components/campaigns/status-badge';
import { SequenceStatusBadge } from '@/components/sequences/status-badge';
import { PageHeader } from '@/components/ui/page-header';
import { countNpsGroups } from '@/lib/campaigns/audience';
import { getCampaignInWorkspace } from '@/lib/campaigns/guards';
import { trackingBaseUrl } from '@/lib/campaigns/send-config';
import { listSurveyOptions } from '@/lib/campaigns/survey-block';
import { baseUrl } from '@/lib/http/base-url';
import { suggestSendTime } from '@/lib/campaigns/send-time';
import { campaignStatus } from '@/lib/campaigns/status';
import { listLists } from '@/lib/contacts/lists';
import { listSegments } from '@/lib/segments/manage';
import { stepOfCampaign } from '@/lib/sequences/manage';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

export default async function EditCampaignPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { ctx, workspace, role, user } = await getPageContext(slug);
  const campaign = await orNotFound(getCampaignInWorkspace(ctx.db, ctx, id));
  const status = campaignStatus(campaign);
  // A sequence step is edited here for as long as its sequence exists (it is 'sending' while the sequence runs).
  const step = campaign.sequenceId ? await stepOfCampaign(ctx, campaign.id) : null;
  // Once it is (about to be) sent, its page is the report, which follows the send live.
  if (!step && (status === 'sending' || status === 'sent')) redirect(`/w/${slug}/campaigns/${id}`);
  const [lists, segments, npsCounts, surveys] = await Promise.all([
    listLists(ctx),
    listSegments(ctx),
    countNpsGroups(ctx),
    listSurveyOptions(ctx, workspace.locale, trackingBaseUrl(campaign.baseUrl ?? (await baseUrl()))),
  ]);
  const t = await getTranslations('campaigns');
  const ts = await getTranslations('sequences.stepMail');
  return (
    <>
      {step ? (
        <Link
          href={`/w/${slug}/sequences/${step.sequenceId}`}
          className="mb-3 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900 hover:underline"
          data-testid="step-back"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {ts('back', { n: step.position, name: step.name })}
        </Link>
      ) : null}
      <PageHeader
        title={campaign.name}
        description={t('edit')}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {step ? <SequenceStatusBadge status={step.status} /> : <StatusBadge status={status} />}
            {!step && status === 'draft' && hasRole(role, 'member') ? (
              <DeleteCampaignButton workspaceId={workspace.id} slug={slug} campaignId={campaign.id} name={campaign.name} />
            ) : null}
          </div>
        }
      />
      {status === 'scheduled' && campaign.scheduledAt ? <RefreshAt at={campaign.scheduledAt.toISOString()} /> : null}
      <CampaignEditor
        workspaceId={workspace.id}
        workspaceName={workspace.name}
        locale={workspace.locale}
        canEdit={hasRole(role, 'member')}
        userEmail={user.email}
        timeZone={workspace.timezone}
        suggestedAt={suggestSendTime(campaign.audienceKind, new Date(), workspace.timezone).toISOString()}
        lists={lists.map((l) => ({ id: l.id, name: l.name }))}
        segments={segments.map((s) => ({ id: s.id, name: s.name }))}
        npsCounts={npsCounts}
        surveys={surveys}
        step={step ? { position: step.position, sequenceName: step.name, sequenceStatus: step.status } : undefined}
        campaign={{
          id: campaign.id,
          name: campaign.name,
          category: campaign.category,
          audienceKind: campaign.audienceKind,
          status,
          subject: campaign.subject,
          previewText: campaign.previewText,
          blocks: campaign.blocks,
          audience: campaign.audience,
          abTest: campaign.abTest ?? null,
          scheduledAt: campaign.scheduledAt?.toISOString() ?? null,
        }}
      />
    </>
  );
}
