import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ReadOnlyNotice } from '@/components/settings/read-only-notice';
import { MailScoreModeForm } from '@/components/surveys/settings/mail-score-mode-form';
import { Card } from '@/components/ui/card';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

export default async function SurveySettingsPage({ params }: SlugParams) {
  const { slug } = await params;
  const { workspace, role } = await getPageContext(slug);
  const t = await getTranslations('settings.surveys');
  const canEdit = hasRole(role, 'admin');
  const links = [
    { key: 'reviewUrl', value: workspace.reviewUrl },
    { key: 'referralUrl', value: workspace.referralUrl },
  ] as const;
  return (
    <>
      {canEdit ? null : <ReadOnlyNotice role={role} />}
      <MailScoreModeForm workspaceId={workspace.id} canEdit={canEdit} value={workspace.mailScoreMode} />
      <Card title={t('linksTitle')}>
        <p className="text-sm text-zinc-700">
          {t.rich('linksBody', {
            link: (chunks) => (
              <Link href={`/w/${slug}/settings/links`} className="font-medium text-brand-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
        <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
          {links.map((l) => (
            <div key={l.key} className="contents">
              <dt className="font-medium text-zinc-800">{t(l.key)}</dt>
              <dd className="min-w-0 break-all text-zinc-600">{l.value ?? <span className="italic">{t('notSet')}</span>}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </>
  );
}
