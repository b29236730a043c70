import { getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

/** The signed-in user's own account: open to every role, it touches no workspace data. */
export default async function AccountPage({ params }: SlugParams) {
  await getPageContext((await params).slug);
  const t = await getTranslations('account');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <ChangePasswordForm />
    </>
  );
}
