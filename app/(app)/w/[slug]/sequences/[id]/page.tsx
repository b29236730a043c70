import { and, count, eq } from 'drizzle-orm';
import { ArrowLeft, BarChart3 } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { draftOf } from '@/components/sequences/draft';
import { LifecycleActions } from '@/components/sequences/lifecycle-actions';
import { SequenceBuilder } from '@/components/sequences/sequence-builder';
import { SequenceStatusBadge } from '@/components/sequences/status-badge';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { listLists } from '@/lib/contacts/lists';
import { sequenceEnrolments } from '@/lib/db/schema';
import { listSegments } from '@/lib/segments/manage';
import { getSequenceInWorkspace, getSequenceSteps } from '@/lib/sequences/get';
import { countSequenceAudience } from '@/lib/sequences/manage';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

export default async function SequencePage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { ctx, workspace, role } = await getPageContext(slug);
  const sequence = await orNotFound(getSequenceInWorkspace(ctx, id));
  const [steps, segments, lists, audienceCount, [progress]] = await Promise.all([
    getSequenceSteps(ctx, sequence.id),
    listSegments(ctx),
    listLists(ctx),
    // A deleted segment must not break the page: the count is then simply unknown (0).
    countSequenceAudience({ ctx, input: { audience: sequence.audience } }).catch(() => 0),
    ctx.db
      .select({ n: count() })
      .from(sequenceEnrolments)
      .where(and(eq(sequenceEnrolments.sequenceId, sequence.id), eq(sequenceEnrolments.workspaceId, ctx.workspaceId), eq(sequenceEnrolments.status, 'active'))),
  ]);
  const t = await getTranslations('sequences');
  const canEdit = hasRole(role, 'member');
  return (
    <>
      <Link href={`/w/${slug}/sequences`} className="mb-3 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900 hover:underline">
        <ArrowLeft aria-hidden className="size-4" />
        {t('builder.back')}
      </Link>
      <PageHeader
        title={sequence.name}
        description={t(`statusHelp.${sequence.status}`)}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <span data-testid="sequence-status">
              <SequenceStatusBadge status={sequence.status} />
            </span>
            {sequence.status !== 'draft' ? (
              <Link href={`/w/${slug}/sequences/${sequence.id}/results`} className={buttonClass('secondary')}>
                <BarChart3 aria-hidden className="size-4" />
                {t('builder.results')}
              </Link>
            ) : null}
            {canEdit ? (
              <LifecycleActions
                workspaceId={workspace.id}
                slug={slug}
                sequenceId={sequence.id}
                name={sequence.name}
                status={sequence.status}
                entryMode={sequence.entryMode}
                controlPct={sequence.controlPct}
                audienceCount={audienceCount}
                inProgress={Number(progress?.n ?? 0)}
              />
            ) : null}
          </div>
        }
      />
      <SequenceBuilder
        // A status change (activate, pause…) re-keys the form so it shows what the server now holds;
        // a plain save keeps it (and its "saved" message): the form already shows what was saved.
        key={sequence.status}
        workspaceId={workspace.id}
        slug={slug}
        sequenceId={sequence.id}
        status={sequence.status}
        canEdit={canEdit}
        initial={draftOf(sequence, steps)}
        steps={steps.map((s) => ({ position: s.position, kind: s.kind, subject: s.subject, campaignId: s.campaignId }))}
        segments={segments.map((s) => ({ id: s.id, name: s.name }))}
        lists={lists.map((l) => ({ id: l.id, name: l.name }))}
        inactivityDays={workspace.benchmarks.inactivityDays}
      />
    </>
  );
}
