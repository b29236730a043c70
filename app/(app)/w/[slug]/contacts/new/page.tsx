import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ContactForm } from '@/components/contacts/contact-form';
import { ReadOnlyContacts } from '@/components/contacts/read-only';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext } from '@/lib/workspaces/page-context';

export default async function NewContactPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { workspace, role } = await getPageContext(slug);
  const t = await getTranslations('contacts');
  return (
    <>
      <Link href={`/w/${slug}/contacts`} className="mb-3 inline-block text-sm font-medium text-brand-700 hover:underline">
        ← {t('detail.back')}
      </Link>
      <PageHeader title={t('form.newTitle')} description={t('form.newDescription')} />
      <Card className="max-w-2xl">
        {hasRole(role, 'member') ? <ContactForm workspaceId={workspace.id} slug={slug} /> : <ReadOnlyContacts role={role} />}
      </Card>
    </>
  );
}
