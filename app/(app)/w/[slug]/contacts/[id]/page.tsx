import { Pencil } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ContactLists, ContactStatusForm, ContactTags } from '@/components/contacts/contact-editors';
import { ContactAttributes, ContactProfile } from '@/components/contacts/contact-profile';
import { ContactTimeline } from '@/components/contacts/contact-timeline';
import { DeleteContactButton } from '@/components/contacts/delete-contacts';
import { buttonClass } from '@/components/ui/button';
import { StatusBadge } from '@/components/contacts/status-badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { contactLists, contactTimeline } from '@/lib/contacts/detail';
import { listLists } from '@/lib/contacts/lists';
import { getContact } from '@/lib/contacts/query';
import { definedInactivity } from '@/lib/metrics/inactivity';
import { uuid } from '@/lib/validation/fields';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

/** Fetch-or-throw: a malformed id, another workspace's contact and a deleted one are the same 404. */
export default async function ContactPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { workspace, role, ctx } = await getPageContext(slug);
  if (!uuid.safeParse(id).success) notFound();
  const contact = await orNotFound(getContact({ ctx, input: { contactId: id } }));
  const [onLists, allLists, timeline] = await Promise.all([contactLists(ctx, contact.id), listLists(ctx), contactTimeline(ctx, contact)]);
  const t = await getTranslations('contacts');
  const canEdit = hasRole(role, 'member');
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  // The inactivity clock under the workspace's definition (settings → inactivity), joining included.
  const inactivity = definedInactivity(contact, workspace.inactivitySignals, new Date());
  const base = { workspaceId: workspace.id, contactId: contact.id };
  return (
    <>
      <Link href={`/w/${slug}/contacts`} className="mb-3 inline-block text-sm font-medium text-brand-700 hover:underline">
        ← {t('detail.back')}
      </Link>
      <PageHeader
        title={name || contact.email}
        description={name ? contact.email : undefined}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={contact.status} />
            {canEdit ? (
              <Link href={`/w/${slug}/contacts/${contact.id}/edit`} className={buttonClass('secondary')}>
                <Pencil aria-hidden className="size-4" />
                {t('form.edit')}
              </Link>
            ) : null}
            {canEdit ? <DeleteContactButton workspaceId={workspace.id} slug={slug} contactId={contact.id} email={contact.email} /> : null}
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title={t('detail.profileTitle')}>
            <ContactProfile contact={contact} tier={inactivity.tier} daysInactive={inactivity.daysInactive} />
          </Card>
          <Card title={t('detail.attributesTitle')}>
            <ContactAttributes attributes={contact.attributes} />
          </Card>
          <Card title={t('detail.timelineTitle')}>
            <ContactTimeline entries={timeline} />
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <Card title={t('detail.statusTitle')}>
            {canEdit ? <ContactStatusForm {...base} status={contact.status} /> : <StatusBadge status={contact.status} />}
          </Card>
          <Card title={t('detail.tagsTitle')}>
            <ContactTags {...base} tags={contact.tags} canEdit={canEdit} />
          </Card>
          <Card title={t('detail.listsTitle')}>
            <ContactLists
              {...base}
              slug={slug}
              canEdit={canEdit}
              onLists={onLists.map((l) => ({ id: l.id, name: l.name }))}
              allLists={allLists.map((l) => ({ id: l.id, name: l.name }))}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
