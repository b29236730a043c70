import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ContactForm } from '@/components/contacts/contact-form';
import { ReadOnlyContacts } from '@/components/contacts/read-only';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getContact } from '@/lib/contacts/query';
import { uuid } from '@/lib/validation/fields';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

export default async function EditContactPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { workspace, role, ctx } = await getPageContext(slug);
  if (!uuid.safeParse(id).success) notFound();
  const contact = await orNotFound(getContact({ ctx, input: { contactId: id } }));
  const t = await getTranslations('contacts');
  return (
    <>
      <Link href={`/w/${slug}/contacts/${contact.id}`} className="mb-3 inline-block text-sm font-medium text-brand-700 hover:underline">
        ← {t('form.backToContact')}
      </Link>
      <PageHeader title={t('form.editTitle')} description={contact.email} />
      <Card className="max-w-2xl">
        {hasRole(role, 'member') ? (
          <ContactForm
            workspaceId={workspace.id}
            slug={slug}
            contact={{ id: contact.id, email: contact.email, firstName: contact.firstName, lastName: contact.lastName, attributes: contact.attributes }}
          />
        ) : (
          <ReadOnlyContacts role={role} />
        )}
      </Card>
    </>
  );
}
