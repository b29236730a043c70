import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { CampaignStatus } from '@/lib/db/schema/campaigns/constants';

const TONE: Record<CampaignStatus, BadgeTone> = {
  draft: 'neutral',
  scheduled: 'info',
  sending: 'warning',
  sent: 'success',
  cancelled: 'danger',
};

export function StatusBadge({ status }: { status: CampaignStatus }) {
  const t = useTranslations('campaigns.statuses');
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}
