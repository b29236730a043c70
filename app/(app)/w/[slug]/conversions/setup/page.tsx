import Link from 'next/link';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { CodeBlock } from '@/components/conversions-setup/code-block';
import { GoalsCard } from '@/components/conversions-setup/goals-card';
import { SiteSettingsForm } from '@/components/conversions-setup/site-settings-form';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getSiteSettings, listGoals } from '@/lib/conversions/goals';
import { conversionApiExample, conversionCallExample, snippetTag } from '@/lib/conversions/setup-text';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';

/** The origin the customer's site loads the snippet from: PULSE_BASE_URL, else this request's own. */
async function appOrigin(): Promise<string> {
  if (process.env.PULSE_BASE_URL) return process.env.PULSE_BASE_URL.replace(/\/+$/, '');
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto.split(',')[0].trim()}://${host}`;
}

export default async function ConversionSetupPage({ params }: SlugParams) {
  const { slug } = await params;
  const { workspace, role, ctx } = await getPageContext(slug);
  const t = await getTranslations('conversionsSetup');
  const canEdit = hasRole(role, 'admin');
  const [goals, site, origin] = await Promise.all([listGoals(ctx.db, workspace.id, { archived: true }), getSiteSettings(ctx.db, workspace.id), appOrigin()]);
  const firstGoal = goals.find((g) => !g.archivedAt)?.key ?? 'purchase';
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {canEdit ? null : (
        <Alert tone="info" className="mb-6">
          {t('readOnly')}
        </Alert>
      )}
      <div className="space-y-6">
        <GoalsCard
          workspaceId={workspace.id}
          canEdit={canEdit}
          goals={goals.map((g) => ({
            id: g.id,
            key: g.key,
            name: g.name,
            kind: g.kind,
            defaultValueCents: g.defaultValueCents,
            currency: g.currency,
            archived: g.archivedAt !== null,
          }))}
        />
        <SiteSettingsForm workspaceId={workspace.id} canEdit={canEdit} windowDays={site.attributionWindowDays} origins={site.siteOrigins} />
        <Card title={t('snippet.title')} description={t('snippet.description')}>
          <div className="space-y-4 text-sm text-zinc-700">
            <CodeBlock label={t('snippet.title')} code={snippetTag(origin, site.siteKey)} testId="snippet-tag" />
            <p>{t('snippet.siteKey', { key: site.siteKey })}</p>
            <p>{t('snippet.record')}</p>
            <CodeBlock label={t('snippet.record')} code={conversionCallExample(firstGoal)} />
            <p className="text-xs text-zinc-500">{t('snippet.recordHint')}</p>
          </div>
        </Card>
        <Card title={t('api.title')} description={t('api.description')}>
          <div className="space-y-4 text-sm text-zinc-700">
            <CodeBlock label={t('api.title')} code={conversionApiExample(origin, firstGoal)} />
            <p className="text-xs text-zinc-500">{t('api.answers')}</p>
            <Link href={`/w/${encodeURIComponent(slug)}/settings/api`} className={buttonClass('secondary')}>
              {t('api.keysLink')}
            </Link>
          </div>
        </Card>
        <Card title={t('stored.title')} description={t('stored.intro')}>
          <ul className="list-disc space-y-2 pl-5 text-sm text-zinc-700">
            <li>{t('stored.cookie')}</li>
            <li>{t('stored.session')}</li>
            <li>{t('stored.server')}</li>
            <li>{t('stored.conversion')}</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
