import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ImportHistory } from '@/components/contacts/import-history';
import { ImportResult } from '@/components/contacts/import-result';
import { ImportWizard } from '@/components/contacts/import-wizard';
import { ContactsNav } from '@/components/contacts/contacts-nav';
import { ReadOnlyContacts } from '@/components/contacts/read-only';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getImport, listImports } from '@/lib/contacts/imports';
import { listLists } from '@/lib/contacts/lists';
import { uuid } from '@/lib/validation/fields';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ImportPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { workspace, role, ctx } = await getPageContext(slug);
  const t = await getTranslations('contacts.import');
  const requested = (await searchParams).import;
  let shown = null;
  if (requested !== undefined) {
    const id = uuid.safeParse(requested);
    if (!id.success) notFound();
    shown = await orNotFound(getImport({ ctx, input: { importId: id.data } }));
  }
  const [history, lists] = await Promise.all([listImports(ctx), listLists(ctx)]);
  const canImport = hasRole(role, 'member');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <ContactsNav slug={slug} />
      <div className="space-y-6">
        {shown ? (
          <Card title={t('resultTitle', { file: shown.fileName })}>
            <ImportResult
              result={{ ...shown, createdAt: shown.createdAt.toISOString(), finishedAt: shown.finishedAt?.toISOString() ?? null }}
            />
          </Card>
        ) : null}
        {canImport ? (
          <ImportWizard
            slug={slug}
            workspaceId={workspace.id}
            lists={lists.map((l) => ({ id: l.id, name: l.name }))}
            knownImportIds={history.map((h) => h.id)}
          />
        ) : (
          <ReadOnlyContacts role={role} />
        )}
        <Card title={t('historyTitle')} description={t('historyHelp')}>
          <ImportHistory
            slug={slug}
            rows={history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() }))}
          />
        </Card>
      </div>
    </>
  );
}
