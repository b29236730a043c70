import { getTranslations } from 'next-intl/server';
import { ContactsNav } from '@/components/contacts/contacts-nav';
import { ListsPanel } from '@/components/contacts/lists-panel';
import { ReadOnlyContacts } from '@/components/contacts/read-only';
import { SegmentsPanel } from '@/components/contacts/segments-panel';
import { PageHeader } from '@/components/ui/page-header';
import { listLists } from '@/lib/contacts/lists';
import { countSegment, listSegments } from '@/lib/segments/manage';
import { segmentRulesSchema } from '@/lib/segments/rules';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function SegmentsPage({ params }: SlugParams) {
  const { slug } = await params;
  const { workspace, role, ctx } = await getPageContext(slug);
  const t = await getTranslations('contacts');
  const [lists, segments] = await Promise.all([listLists(ctx), listSegments(ctx)]);
  const canEdit = hasRole(role, 'member');
  // Stored rules are re-validated: a segment saved under an older rule model opens empty rather than broken.
  const parsed = segments.map((s) => ({ s, rules: segmentRulesSchema.safeParse(s.rules) }));
  // Live counts, one query per segment: a workspace has a handful of segments, not hundreds.
  const counts = await Promise.all(parsed.map(({ rules }) => (rules.success ? countSegment(ctx, rules.data).catch(() => null) : null)));
  return (
    <>
      <PageHeader title={t('segmentsPageTitle')} description={t('segmentsPageDescription')} />
      <ContactsNav slug={slug} />
      <div className="space-y-6">
        {canEdit ? null : <ReadOnlyContacts role={role} />}
        <ListsPanel workspaceId={workspace.id} slug={slug} canEdit={canEdit} lists={lists.map((l) => ({ id: l.id, name: l.name, members: l.members }))} />
        <SegmentsPanel
          workspaceId={workspace.id}
          slug={slug}
          canEdit={canEdit}
          lists={lists.map((l) => ({ id: l.id, name: l.name }))}
          segments={parsed.map(({ s, rules }, i) => ({
            id: s.id,
            name: s.name,
            rules: rules.success ? rules.data : { match: 'all' as const, rules: [] },
            count: counts[i],
          }))}
        />
      </div>
    </>
  );
}
