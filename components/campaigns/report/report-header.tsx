import { getFormatter, getTranslations } from 'next-intl/server';
import type { CampaignStatus } from '@/lib/db/schema/campaigns/constants';

/** What was sent, to whom and when: the three questions a report answers before any number. */
export async function ReportHeader({
  subject,
  audience,
  status,
  startedAt,
  scheduledAt,
  timeZone,
}: {
  subject: string;
  audience: string;
  status: CampaignStatus;
  startedAt: Date | null;
  scheduledAt: Date | null;
  timeZone: string;
}) {
  const t = await getTranslations('campaigns.reportPage.header');
  const format = await getFormatter();
  const when = startedAt ?? scheduledAt;
  const date = when ? `${format.dateTime(when, { dateStyle: 'long', timeStyle: 'short', timeZone })} (${timeZone})` : t('notSent');
  return (
    <dl data-testid="report-header" className="mb-6 grid gap-x-6 gap-y-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-zinc-200 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
      <div className="min-w-0">
        <dt className="text-xs text-zinc-500">{t('subject')}</dt>
        <dd className="mt-0.5 break-words font-medium text-zinc-900">{subject || '—'}</dd>
      </div>
      <div className="min-w-0">
        <dt className="text-xs text-zinc-500">{t('audience')}</dt>
        <dd className="mt-0.5 break-words text-zinc-900">{audience}</dd>
      </div>
      <div className="min-w-0">
        <dt className="text-xs text-zinc-500">{startedAt || status !== 'scheduled' ? t('sentAt') : t('scheduledFor')}</dt>
        <dd className="mt-0.5 text-zinc-900">{date}</dd>
      </div>
    </dl>
  );
}
