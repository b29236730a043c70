import { getTranslations } from 'next-intl/server';
import { NewSequenceForm } from '@/components/sequences/new-sequence-form';
import { audienceFromQuery } from '@/components/sequences/audience-from-query';
import { NoAccess } from '@/components/settings/no-access';
import { PageHeader } from '@/components/ui/page-header';
import { listSegments } from '@/lib/segments/manage';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext } from '@/lib/workspaces/page-context';

export default async function NewSequencePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { ctx, workspace, role } = await getPageContext(slug);
  if (!hasRole(role, 'member')) return <NoAccess />;
  const t = await getTranslations('sequences.new');
  const segments = await listSegments(ctx);
  let audience = audienceFromQuery(await searchParams);
  // A segment link from elsewhere must name one of this workspace's own segments.
  if (audience.type === 'segment' && !segments.some((s) => audience.type === 'segment' && s.id === audience.segmentId)) audience = { type: 'tier', tiers: ['tier2'] };
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <NewSequenceForm
        workspaceId={workspace.id}
        slug={slug}
        initialAudience={audience}
        initialSiteUrl=""
        segments={segments.map((s) => ({ id: s.id, name: s.name }))}
        inactivityDays={workspace.benchmarks.inactivityDays}
      />
    </>
  );
}
