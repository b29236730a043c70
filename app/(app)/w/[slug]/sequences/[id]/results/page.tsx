import { Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { FunnelCard } from '@/components/sequences/results/funnel-card';
import { LiftCard } from '@/components/sequences/results/lift-card';
import { OutcomesCard } from '@/components/sequences/results/outcomes-card';
import { SummaryTiles } from '@/components/sequences/results/summary-tiles';
import { TiersCard } from '@/components/sequences/results/tiers-card';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getSequenceResults } from '@/lib/reports/sequence';
import { getPageContext, orNotFound } from '@/lib/workspaces/page-context';

const STATUS_TONE = { draft: 'neutral', active: 'success', paused: 'warning', stopped: 'danger' } as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('sequences.results'))('metaTitle') };
}

/** A sequence's results: any member (viewer included) may read them; another workspace's sequence is a 404. */
export default async function SequenceResultsPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { ctx } = await getPageContext(slug);
  const results = await orNotFound(getSequenceResults(ctx, id));
  const t = await getTranslations('sequences.results');
  const s = results.sequence;
  return (
    <>
      <PageHeader
        title={t('title', { name: s.name })}
        description={t('description')}
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <span data-testid="sequence-status">
              <Badge tone={STATUS_TONE[s.status]}>{t(`status.${s.status}`)}</Badge>
            </span>
            <Link className={buttonClass('secondary')} href={`/w/${slug}/sequences`}>
              {t('allSequences')}
            </Link>
          </div>
        }
      />
      {results.total.enrolled === 0 ? (
        <EmptyState icon={Users} title={t('empty.title')} body={t('empty.body')} />
      ) : (
        <div className="space-y-6">
          <SummaryTiles results={results} />
          <div className="grid gap-6 xl:grid-cols-2">
            <LiftCard results={results} />
            <OutcomesCard results={results} />
          </div>
          <FunnelCard results={results} />
          <TiersCard results={results} />
        </div>
      )}
    </>
  );
}
