import { getTranslations } from 'next-intl/server';
import { NoAccess } from '@/components/settings/no-access';
import { emptyDraft } from '@/components/surveys/builder/draft';
import { SurveyBuilder } from '@/components/surveys/builder/survey-builder';
import { PageHeader } from '@/components/ui/page-header';
import { listMembers } from '@/lib/members/list';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function NewSurveyPage({ params }: SlugParams) {
  const { slug } = await params;
  const { ctx, workspace, role } = await getPageContext(slug);
  if (!hasRole(role, 'member')) return <NoAccess />;
  const t = await getTranslations('surveys.builder');
  const members = await listMembers(ctx);
  return (
    <>
      <PageHeader title={t('newTitle')} />
      <SurveyBuilder
        workspaceId={workspace.id}
        workspaceName={workspace.name}
        slug={slug}
        timeZone={workspace.timezone}
        members={members.map((m) => ({ userId: m.userId, name: m.name, email: m.email }))}
        canEdit
        initial={emptyDraft()}
        links={{ review: workspace.reviewUrl ?? undefined, referral: workspace.referralUrl ?? undefined }}
      />
    </>
  );
}
