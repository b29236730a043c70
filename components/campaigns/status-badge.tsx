import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';
import type { CampaignStatus } from '@/lib/db/schema/campaigns/constants';

const STYLE: Record<CampaignStatus, string> = {
  draft: 'bg-zinc-100 text-zinc-700',
  scheduled: 'bg-sky-50 text-sky-800',
  sending: 'bg-amber-50 text-amber-800',
  sent: 'bg-emerald-50 text-emerald-800',
  cancelled: 'bg-red-50 text-red-800',
};

export function StatusBadge({ status }: { status: CampaignStatus }) {
  const t = useTranslations('campaigns.statuses');
  return <span className={cn('inline-flex rounded-full px-2 py-0.5 text-xs font-medium', STYLE[status])}>{t(status)}</span>;
}
