import { Target } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ConversionReportView } from '@/components/conversions/conversion-report';
import { PeriodPicker } from '@/components/conversions/period-picker';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { parsePeriodDays } from '@/lib/metrics';
import { getConversionReport } from '@/lib/reports/conversions';
import { getPageContext } from '@/lib/workspaces/page-context';

export default async function ConversionsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ days?: string }> }) {
  const { slug } = await params;
  const days = parsePeriodDays((await searchParams).days);
  const { ctx } = await getPageContext(slug);
  const t = await getTranslations('conversions');
  const report = await getConversionReport(ctx, { days });
  const setup = (
    <Link className={buttonClass('secondary')} href={`/w/${slug}/conversions/setup`}>
      {t('setupLink')}
    </Link>
  );
  const empty = report.goalsDefined === 0 || !report.everRecorded;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} actions={empty ? null : setup} />
      {empty ? (
        <div data-testid="conversions-empty">
          <EmptyState icon={Target} title={t('empty.title')} body={report.goalsDefined === 0 ? t('empty.noGoals') : t('empty.noConversions')}>
            <Link className={buttonClass('primary')} href={`/w/${slug}/conversions/setup`}>
              {t('empty.cta')}
            </Link>
          </EmptyState>
        </div>
      ) : (
        <>
          <PeriodPicker slug={slug} days={days} />
          <ConversionReportView report={report} slug={slug} />
        </>
      )}
    </>
  );
}
