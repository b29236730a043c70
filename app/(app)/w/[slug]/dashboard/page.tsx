import { BarChart3, CheckCircle2, Circle } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { ConversionsCard } from '@/components/dashboard/conversions-card';
import { EmailTrendCard } from '@/components/dashboard/email-trend-card';
import { ListHealthCard } from '@/components/dashboard/list-health-card';
import { NpsCard } from '@/components/dashboard/nps-card';
import { getListHealth } from '@/lib/contacts/health';
import { getDb } from '@/lib/db/client';
import { INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import { activeSequences, sequenceFor } from '@/lib/sequences/segments';
import { hasRole } from '@/lib/workspaces/context';
import { getPageContext, type SlugParams } from '@/lib/workspaces/page-context';
import { getWorkspaceEmailTrend } from '@/lib/reports/campaign';
import { getDashboardNps } from '@/lib/reports/survey-dashboard';
import { getDashboardConversions } from '@/lib/reports/conversions';
import { getSetupProgress } from '@/lib/workspaces/setup';

export default async function DashboardPage({ params }: SlugParams) {
  const { slug } = await params;
  const { workspace, role, ctx } = await getPageContext(slug);
  const t = await getTranslations();
  const [setup, health, trend, nps, sequences, conversions] = await Promise.all([
    getSetupProgress(getDb(), workspace.id),
    getListHealth(ctx, workspace),
    getWorkspaceEmailTrend(ctx, { limit: 12 }),
    getDashboardNps(ctx),
    activeSequences(ctx),
    getDashboardConversions(ctx),
  ]);
  const tierSequences = Object.fromEntries(
    INACTIVITY_TIER_IDS.flatMap((id) => {
      const sequence = sequenceFor(sequences, { kind: 'tier', id });
      return sequence ? [[id, sequence]] : [];
    }),
  );
  const steps = [
    { done: setup.profileTouched, label: t('dashboard.setupProfile'), href: `/w/${slug}/settings` },
    { done: setup.sendingConfigured, label: t('dashboard.setupSending'), href: `/w/${slug}/settings/sending` },
    { done: setup.benchmarksTouched, label: t('dashboard.setupBenchmarks'), href: `/w/${slug}/settings/benchmarks` },
    { done: setup.hasTeam, label: t('dashboard.setupTeam'), href: `/w/${slug}/settings/members` },
  ];
  return (
    <>
      <PageHeader title={t('dashboard.welcome', { workspace: workspace.name })} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {trend.length ? (
            <EmailTrendCard points={trend} />
          ) : (
            // The first steps of the product loop: contacts in, a campaign out (inviting is in the checklist).
            <EmptyState icon={BarChart3} title={t('empty.dashboard.title')} body={t('empty.dashboard.body')}>
              {hasRole(role, 'member') ? (
                <>
                  <Link className={buttonClass('primary')} href={`/w/${slug}/contacts/import`}>
                    {t('empty.dashboard.import')}
                  </Link>
                  <Link className={buttonClass('secondary')} href={`/w/${slug}/campaigns/new`}>
                    {t('empty.dashboard.campaign')}
                  </Link>
                </>
              ) : null}
            </EmptyState>
          )}
        </div>
        <div className="space-y-6">
          {hasRole(role, 'admin') ? (
            <Card title={t('dashboard.setupTitle')}>
              <ol className="space-y-3">
                {steps.map((s) => (
                  <li key={s.href} className="flex items-start gap-2 text-sm">
                    {s.done ? (
                      <CheckCircle2 aria-label={t('common.yes')} className="mt-0.5 size-4 shrink-0 text-emerald-600" />
                    ) : (
                      <Circle aria-label={t('common.no')} className="mt-0.5 size-4 shrink-0 text-zinc-400" />
                    )}
                    <Link href={s.href} className={s.done ? 'text-zinc-500 line-through' : 'text-brand-700 hover:underline'}>
                      {s.label}
                    </Link>
                  </li>
                ))}
              </ol>
            </Card>
          ) : null}
          <NpsCard nps={nps} slug={slug} />
          <ConversionsCard data={conversions} slug={slug} />
        </div>
      </div>
      <div className="mt-6 space-y-6">
        <ListHealthCard
          health={health}
          inactivityDays={workspace.benchmarks.inactivityDays}
          slug={slug}
          tierSequences={tierSequences}
          canStart={hasRole(role, 'member')}
        />
      </div>
    </>
  );
}
